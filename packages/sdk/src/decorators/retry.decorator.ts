import { RETRY_METADATA } from '../constants.js';
import type { RetryMetadata } from '../metadata/metadata.types.js';
import type { RetryOptions } from '../options/retry-options.js';
import { methodDecorator } from './method-decorator.js';

/**
 * Retries a step. `attempts` counts every attempt including the first; `@Retry(3)` is short for
 * `@Retry({ attempts: 3 })`. Backoff defaults to exponential from 1000 ms, without jitter.
 *
 * @example
 * @Retry({ attempts: 2, backoff: 'fixed', delay: 200, jitter: true })
 * @Step() accountLookup(ctx: StepContext<TicketInput>) { ... }
 */
export function Retry(options: RetryOptions | number): MethodDecorator {
  const metadata: RetryMetadata = { options };
  return methodDecorator('@Retry', RETRY_METADATA, metadata);
}
