import type { Usage } from '../options/budget.js';
import type { Type } from '../options/workflow-options.js';

/**
 * What a step receives: its run's input, the outputs of the steps before it, the signal it waited for, and
 * the means to log, report progress, start child runs, stop the run, and notice cancellation.
 *
 * @typeParam I - the workflow's input type
 * @typeParam R - the shape of `results`: step name to output (a skipped step's output is `undefined`)
 * @typeParam T - the type of `item` in a `@Parallel({ forEach })` step
 * @typeParam S - the type of `received`: the payload of the signal a `@WaitFor` step waited for
 *
 * @example
 * draft(ctx: StepContext<TicketInput, { accountLookup: Account | null; kbSearch: Article[] }>) {
 *   return compose(ctx.input, ctx.results.accountLookup, ctx.results.kbSearch);
 * }
 */
export interface StepContext<I = unknown, R extends object = Record<string, unknown>, T = unknown, S = unknown> {
  /** The run's id. */
  readonly runId: string;
  /** The workflow's registered name. */
  readonly workflow: string;
  /** This step's name (its method name). */
  readonly step: string;
  /** The run's input, validated and transformed into the workflow's input class. */
  readonly input: I;
  /** The outputs of settled steps by name; a skipped step's is `undefined`. */
  readonly results: Readonly<R>;
  /** The pass of the loop this step is in, starting at 1 (always 1 outside loops). */
  readonly iteration: number;
  /**
   * For a step with `join: 'allSettled'` or `'any'`: each failed dependency's error, by name (empty
   * otherwise). A forEach dependency whose items partly failed is here too, and its output in `results`
   * holds the items that succeeded (`undefined` for the others).
   */
  readonly failures: Readonly<Record<string, Error>>;
  /** The current attempt, starting at 1. */
  readonly attempt: number;
  /** Aborted when the attempt times out, the run is cancelled, stopped, or fails elsewhere. */
  readonly signal: AbortSignal;
  /** The current item of a forEach step; `undefined` elsewhere. */
  readonly item: T | undefined;
  /** The current item's index of a forEach step; `undefined` elsewhere. */
  readonly index: number | undefined;
  /**
   * For a `@WaitFor` step: the payload of the signal it waited for, validated (an instance of
   * `@WaitFor(name, { payload })` when given); `undefined` for steps without `@WaitFor`.
   */
  readonly received: S | undefined;
  /**
   * `runId:step[:index]` (with `#pass` from a loop's second pass on), the same across attempts: use it to
   * make side effects idempotent.
   */
  readonly idempotencyKey: string;
  /**
   * Records what this attempt spent (tokens, money, your own counters); amounts add up per step and per
   * run and count against `@Workflow({ budget })`. Recorded with the attempt's result.
   */
  usage(amounts: Usage): void;
  /**
   * Sends a partial result (tokens, a percentage) to whoever follows the run: a `step.progress` event, not
   * stored beyond a short tail.
   */
  progress(data: unknown): void;
  /** Appends a `step.log` event to the run's trace. */
  log(message: string, data?: unknown): void;
  /** Starts a child run, waits for its output, and links it to this run in the trace. */
  run<O = unknown>(workflow: Type | string, input: unknown): Promise<O>;
  /** Ends the run at once as succeeded with `output`; steps not yet started are skipped. Never returns. */
  stop(output?: unknown): never;
}
