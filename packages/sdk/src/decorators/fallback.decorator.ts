import { FALLBACK_METADATA } from '../constants.js';
import type { FallbackMetadata } from '../metadata/metadata.types.js';
import type { FallbackFn } from '../options/fallback-options.js';
import { methodDecorator } from './method-decorator.js';

/**
 * Recovers a step whose last attempt failed: the handler, called as `(ctx, error)`, supplies the step's
 * output and the step ends as `recovered`. Give a function, or the name of a method of the class.
 *
 * @example
 * @Fallback(() => ({ account: null }))
 * @Step() accountLookup(ctx: StepContext<TicketInput>) { ... }
 *
 * @Fallback('defaultReply') @Step() draft(ctx: StepContext<TicketInput>) { ... }
 */
export function Fallback<I, R extends object, O>(handler: FallbackFn<I, R, O> | string): MethodDecorator {
  const metadata: FallbackMetadata = { handler: handler };
  return methodDecorator('@Fallback', FALLBACK_METADATA, metadata);
}
