/** A started run: its id, and a way to await its output. */
export interface RunHandle<O = unknown> {
  /** The run's id. */
  readonly runId: string;
  /**
   * Resolves with the run's output once it succeeds.
   * @throws StepFailedError (its `cause` is the step's error), WorkflowTimeoutError or RunCancelledError
   */
  result(): Promise<O>;
}

/** Options of `BatonClient.start`. */
export interface StartOptions {
  /**
   * Starting again with the same key (per workflow) and the same input returns the first run instead of
   * starting another, even when the starts race; the same key with another input is an
   * `IdempotencyConflictError`. The key is kept as long as its run (it expires with the run's retention).
   */
  idempotencyKey?: string;
}

/** Options of `BatonClient.rerun`. */
export interface RerunOptions {
  /**
   * The step to run again, with everything that depends on it; every other step keeps its recorded state.
   * @defaultValue the first failed step (in declaration order)
   */
  fromStep?: string;
}
