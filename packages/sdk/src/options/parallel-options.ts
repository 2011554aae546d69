import type { StepContext } from '../context/step-context.js';

/** Options of the dynamic fan-out form of `@Parallel`. */
export interface ForEachOptions<I = unknown, R extends object = Record<string, unknown>, T = unknown> {
  /** Returns the items; the step runs once per item with `ctx.item` and `ctx.index`. */
  forEach: (ctx: StepContext<I, R>) => readonly T[] | Promise<readonly T[]>;
  /**
   * How many items run at once, an integer ≥ 1.
   * @defaultValue no bound beyond the transport's own
   */
  concurrency?: number;
}

/** Options of the static group form of `@Parallel`. */
export interface ParallelGroupOptions {
  /**
   * The group's name; members must be adjacent.
   * @defaultValue a consecutive run of unnamed `@Parallel()` steps forms one group
   */
  name?: string;
}

/** What `@Parallel` accepts: nothing, a group name, group options, or forEach options. */
export type ParallelOptions = string | ParallelGroupOptions | ForEachOptions<never, never, never>;
