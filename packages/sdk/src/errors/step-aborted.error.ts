import { BatonError, type BatonErrorContext } from './baton.error.js';

/** A running step was aborted because its run ended first (failed elsewhere, cancelled, stopped or timed out). */
export class StepAbortedError extends BatonError {
  /** Always `'STEP_ABORTED'`. */
  readonly code = 'STEP_ABORTED' as const;

  constructor(why: string, context: BatonErrorContext & { workflow: string; step: string }) {
    super(`Step ${context.workflow}.${context.step} was aborted: ${why}.`, context);
  }
}
