import { WAIT_FOR_METADATA } from '../constants.js';
import type { WaitForMetadata } from '../metadata/metadata.types.js';
import type { WaitForOptions } from '../options/wait-for-options.js';
import { methodDecorator } from './method-decorator.js';

/**
 * Makes a step wait for a signal: once ready it is `waiting` until `client.signal(run, name, payload)`
 * delivers one (a signal sent earlier is kept for it), then runs with `ctx.received`, the payload validated
 * against `options.payload`. When `options.timeout` passes first the step fails with `SignalTimeoutError`,
 * which a `@Fallback` may turn into a decision. The name is letters, digits, `.`, `_` and `-` (at most 100).
 *
 * @example
 * @WaitFor('approve', { payload: Approval, timeout: 86_400_000 })
 * @Fallback(() => ({ approved: false }))
 * @Step() review(ctx: StepContext<RefundInput, Results, unknown, Approval>) { return ctx.received; }
 */
export function WaitFor(signal: string, options: WaitForOptions = {}): MethodDecorator {
  const metadata: WaitForMetadata = { signal, options };
  return methodDecorator('@WaitFor', WAIT_FOR_METADATA, metadata);
}
