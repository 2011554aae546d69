/**
 * When a step with several dependencies runs: `'all'` once every one succeeded (or was skipped, with at
 * least one success); `'any'` on the first success (the others, if nothing else needs them, are aborted
 * and skipped as `superseded`); `'allSettled'` once every one settled, whatever its outcome
 * (`ctx.failures` holds the failures, which then do not fail the run).
 */
export type JoinPolicy = 'all' | 'any' | 'allSettled';

/** Options of `@Step` (and the base of `@Route`'s options). */
export interface StepOptions {
  /**
   * When the step runs, given its dependencies' outcomes. See {@link JoinPolicy}.
   * @defaultValue `'all'`
   */
  join?: JoinPolicy;
  /**
   * The steps this one depends on, by method name. Explicit always wins over the implicit sequence;
   * `after: []` makes a root step.
   * @defaultValue the previous block in declaration order (a step, a `@Parallel` group or a run of one route's targets)
   */
  after?: string | readonly string[];
  /**
   * A sentence describing the step, shown in the dashboard.
   * @defaultValue none
   */
  description?: string;
}
