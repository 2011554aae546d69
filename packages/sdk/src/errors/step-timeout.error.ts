import { BatonError, type BatonErrorContext } from './baton.error.js';

/** An attempt of a step ran longer than its `@Timeout`; the attempt's signal was aborted. Retryable. */
export class StepTimeoutError extends BatonError {
  /** Always `'STEP_TIMEOUT'`. */
  readonly code = 'STEP_TIMEOUT' as const;
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  constructor(timeoutMs: number, context: BatonErrorContext & { workflow: string; step: string }) {
    super(
      `Step ${context.workflow}.${context.step} timed out after ${timeoutMs} ms. ` +
        'Raise @Timeout, or make the step honour ctx.signal so it stops when aborted.',
      context,
    );
    this.timeoutMs = timeoutMs;
  }
}
