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
  /** Starting twice with the same key (per workflow) returns the first run instead of starting another. */
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
