import { BatonError, type BatonErrorContext } from './baton.error.js';

/** A run failed because one of its steps failed after its retries and fallback; `cause` is the step's error. */
export class StepFailedError extends BatonError {
  /** Always `'STEP_FAILED'`. */
  readonly code = 'STEP_FAILED' as const;

  constructor(message: string, context: BatonErrorContext & { workflow: string; step: string }) {
    super(`Step ${context.workflow}.${context.step} failed: ${message}`, context);
  }
}
