/** Options of `@Step` (and the second argument of `@Route`). */
export interface StepOptions {
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
