import { BatonError, type BatonErrorContext } from './baton.error.js';

/**
 * Throw this from a step to fail the current attempt and end its retries at once (the `@Fallback`, if
 * any, still runs).
 *
 * @example
 * if (!customer) throw new NonRetryableError(`No customer ${email}`);
 */
export class NonRetryableError extends BatonError {
  /** Always `'NON_RETRYABLE'`. */
  readonly code = 'NON_RETRYABLE' as const;

  constructor(message: string, context: BatonErrorContext = {}) {
    super(message, context);
  }
}
