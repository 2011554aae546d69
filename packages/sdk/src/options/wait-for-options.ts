import type { Type } from './workflow-options.js';

/** Options of `@WaitFor`. */
export interface WaitForOptions {
  /**
   * A class decorated with class-validator: a signal's payload is transformed into it and validated
   * (`InputValidationError` when it fails, and the run is left as it was); the step reads the instance as
   * `ctx.received`.
   * @defaultValue none: the payload is passed through as given
   */
  payload?: Type;
  /**
   * How long the step waits for the signal, in milliseconds, an integer from 1 to `MAX_TIMER_MS`; when it
   * passes first the step fails with `SignalTimeoutError` (a `@Fallback` may decide instead).
   * @defaultValue no bound: the step waits for as long as the run lasts
   */
  timeout?: number;
}
