import { STEP_METADATA } from '../constants.js';
import type { StepMetadata } from '../metadata/metadata.types.js';
import type { StepOptions } from '../options/step-options.js';
import { methodDecorator } from './method-decorator.js';

/**
 * Marks a method as a step. Without `after` it runs after the previous block in declaration order.
 *
 * @example
 * @Step()
 * classify(ctx: StepContext<TicketInput>) { return this.agents.classify(ctx.input); }
 *
 * @Step({ after: ['accountLookup', 'kbSearch'] })
 * draft(ctx: StepContext<TicketInput, DraftResults>) { ... }
 */
export function Step(options: StepOptions = {}): MethodDecorator {
  const metadata: StepMetadata = { options };
  return methodDecorator('@Step', STEP_METADATA, metadata);
}
