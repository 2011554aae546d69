import { PARALLEL_METADATA } from '../constants.js';
import type { ParallelMetadata } from '../metadata/metadata.types.js';
import type { ForEachOptions, ParallelGroupOptions, ParallelOptions } from '../options/parallel-options.js';
import { methodDecorator } from './method-decorator.js';

/**
 * Runs steps concurrently. On consecutive steps, `@Parallel()` makes one group that shares the first
 * member's dependencies; the next step waits for the whole group. `@Parallel('name')` names the group.
 * `@Parallel({ forEach })` runs the step once per item, its output being the item outputs in order.
 *
 * @example
 * @Parallel() @Step() accountLookup(ctx: StepContext<TicketInput>) { ... }
 * @Parallel() @Step() kbSearch(ctx: StepContext<TicketInput>) { ... }
 *
 * @Parallel({ forEach: (ctx: StepContext<unknown, { plan: Plan }>) => ctx.results.plan.queries, concurrency: 4 })
 * @Step() search(ctx: StepContext<unknown, { plan: Plan }, string>) { return this.web.search(ctx.item); }
 */
export function Parallel(): MethodDecorator;
/** Makes this step a member of the parallel group named `name`; members must be adjacent. */
export function Parallel(name: string): MethodDecorator;
/** Makes this step a member of a parallel group; `options.name` names the group. */
export function Parallel(options: ParallelGroupOptions): MethodDecorator;
/** Runs this step once per item returned by `options.forEach`; its output is the item outputs in order. */
export function Parallel<I, R extends object, T>(options: ForEachOptions<I, R, T>): MethodDecorator;
export function Parallel(
  options?: string | ParallelGroupOptions | ForEachOptions<never, never, unknown>,
): MethodDecorator {
  const metadata: ParallelMetadata = { options: options as ParallelOptions | undefined };
  return methodDecorator('@Parallel', PARALLEL_METADATA, metadata);
}
