import { TIMEOUT_METADATA } from '../constants.js';
import type { TimeoutMetadata } from '../metadata/metadata.types.js';
import { methodDecorator } from './method-decorator.js';

/**
 * Bounds each attempt of a step to `ms` milliseconds: on expiry `ctx.signal` aborts, the attempt fails
 * with a (retryable) `StepTimeoutError`, and a late result is discarded.
 *
 * @example
 * @Timeout(2_000) @Step() accountLookup(ctx: StepContext<TicketInput>) { return this.crm.lookup(ctx.input.email, ctx.signal); }
 */
export function Timeout(ms: number): MethodDecorator {
  const metadata: TimeoutMetadata = { ms };
  return methodDecorator('@Timeout', TIMEOUT_METADATA, metadata);
}
