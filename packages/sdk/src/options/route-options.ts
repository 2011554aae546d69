import type { StepOptions } from './step-options.js';

/** Options of `@Route`: those of `@Step`, plus the cap of a loop when a target is declared before the route. */
export interface RouteOptions extends StepOptions {
  /**
   * For a route with a back edge (a target declared before it, which makes a loop): how many passes the
   * loop body may run. Choosing the back target once more fails the route with `LoopLimitError`, which its
   * `@Fallback` may turn into an exit target. An integer from 1 to 10 000; required with a back edge, not
   * allowed without one.
   * @defaultValue none: a route without a back edge
   */
  maxIterations?: number;
}
