/** How the delay between attempts grows. */
export type BackoffKind = 'fixed' | 'exponential';

/** Options of `@Retry`. */
export interface RetryOptions {
  /** Every attempt including the first, an integer ≥ 1 ("retry once" is `attempts: 2`). */
  attempts: number;
  /**
   * `'fixed'` waits `delay` between attempts; `'exponential'` waits `delay * 2^(attempt - 1)`.
   * @defaultValue `'exponential'`
   */
  backoff?: BackoffKind;
  /**
   * The first delay, in milliseconds, ≥ 0.
   * @defaultValue 1000
   */
  delay?: number;
  /**
   * The largest delay, in milliseconds, ≥ `delay`.
   * @defaultValue no cap
   */
  maxDelay?: number;
  /**
   * Randomises each delay: `true` or `1` draws it uniformly from `[0, delay]` ("full jitter"); a fraction
   * `f` in `[0, 1]` from `[delay * (1 - f), delay]`.
   * @defaultValue no jitter
   */
  jitter?: boolean | number;
  /**
   * Decides whether an error is retried; returning false ends the retries at once.
   * @defaultValue every error but `NonRetryableError` is retried
   */
  retryIf?: (error: unknown, attempt: number) => boolean;
}
