import { DELAY_METADATA } from '../constants.js';
import type { DelayMetadata } from '../metadata/metadata.types.js';
import type { DelayFn } from '../options/delay-options.js';
import { methodDecorator } from './method-decorator.js';

/**
 * Makes a ready step wait before it runs: `ms` milliseconds (an integer from 0 to `MAX_TIMER_MS`), or what
 * a function of its context returns. The step is `waiting` meanwhile (`waitingFor: 'delay'`).
 *
 * @example
 * @Delay(3_600_000) @Step() remind(ctx: StepContext<Order>) { ... }
 *
 * @Delay((ctx: StepContext<unknown, { quote: Quote }>) => ctx.results.quote.retryAfterMs)
 * @Step() requote(ctx: StepContext<unknown, { quote: Quote }>) { ... }
 */
export function Delay<I, R extends object>(ms: number | DelayFn<I, R>): MethodDecorator {
  const metadata: DelayMetadata = { delay: ms };
  return methodDecorator('@Delay', DELAY_METADATA, metadata);
}
