import { ROUTE_METADATA } from '../constants.js';
import type { RouteMetadata } from '../metadata/metadata.types.js';
import type { StepOptions } from '../options/step-options.js';
import { methodDecorator } from './method-decorator.js';

/**
 * Marks a method as a route step (it implies `@Step`): it returns the name of one target, or an array of
 * names, and the targets not chosen are skipped. Targets depend on the route implicitly.
 *
 * @example
 * @Route(['billingAgent', 'bugAgent'])
 * route(ctx: StepContext<TicketInput, { classify: Classification }>) {
 *   return ctx.results.classify.kind === 'billing' ? 'billingAgent' : 'bugAgent';
 * }
 */
export function Route(targets: readonly string[], options: StepOptions = {}): MethodDecorator {
  const metadata: RouteMetadata = { targets, options };
  return methodDecorator('@Route', ROUTE_METADATA, metadata);
}
