import { BatonError, describeValue, MAX_TIMER_MS } from '@baton/sdk';

/** A `@Delay((ctx) => ms)` function returned something other than a number of milliseconds it can wait. */
export class InvalidDelayError extends BatonError {
  /** Always `'INVALID_DELAY'`. */
  readonly code = 'INVALID_DELAY' as const;

  constructor(workflow: string, step: string, got: unknown, runId: string) {
    super(
      `The @Delay function of ${workflow}.${step} must return milliseconds from 0 to ${MAX_TIMER_MS}, got ${describeValue(got)}.`,
      { workflow, step, runId },
    );
  }
}
