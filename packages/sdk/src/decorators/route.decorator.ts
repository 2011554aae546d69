import { ROUTE_METADATA } from '../constants.js';
import type { RouteMetadata } from '../metadata/metadata.types.js';
import type { RouteOptions } from '../options/route-options.js';
import { methodDecorator } from './method-decorator.js';

/**
 * Marks a method as a route step (it implies `@Step`): it returns the name of one target, or an array of
 * names, and the targets not chosen are skipped. Targets declared after the route depend on it
 * implicitly; a target declared before it is a back edge, which makes a loop and needs `maxIterations`.
 *
 * @example
 * @Route(['billingAgent', 'bugAgent'])
 * route(ctx: StepContext<TicketInput, { classify: Classification }>) {
 *   return ctx.results.classify.kind === 'billing' ? 'billingAgent' : 'bugAgent';
 * }
 *
 * @example
 * // A loop: 'write' is declared before the route, so choosing it runs write → critique again (3 passes at most).
 * @Step() write(ctx: StepContext<Brief, { critique?: Verdict }>) { ... }
 * @Route(['write', 'publish'], { maxIterations: 3 })
 * critique(ctx: StepContext<Brief, { write: Draft }>) { return this.critic.accepts(ctx.results.write) ? 'publish' : 'write'; }
 * @Step() publish(ctx: StepContext<Brief, { write: Draft }>) { ... }
 */
export function Route(targets: readonly string[], options: RouteOptions = {}): MethodDecorator {
  const metadata: RouteMetadata = { targets, options };
  return methodDecorator('@Route', ROUTE_METADATA, metadata);
}
