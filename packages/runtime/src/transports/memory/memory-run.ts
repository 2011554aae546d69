import type { RunState } from '../../coordinator/run-state.js';
import type { RegisteredWorkflow } from '../../discovery/registered-workflow.js';

/** What the memory transport keeps about a run while it is running. */
export interface MemoryRun {
  workflow: RegisteredWorkflow;
  state: RunState;
  /** Outputs of settled steps, handed to steps as `ctx.results`. */
  results: Record<string, unknown>;
  /**
   * Aborts every running step of the run. Steps the coordinator may abort while the run goes on (see
   * `abortedAlone`) have their own as well, in {@link MemoryRun.own}.
   */
  controller: AbortController;
  /** Controllers of running steps that can be aborted alone, by `stepKey` (with item and pass). */
  own: Map<string, AbortController>;
  /** Items of expanded forEach steps. */
  items: Map<string, readonly unknown[]>;
  /** The original error behind a failure, kept as the `cause` of what `result()` rejects with. */
  failure?: unknown;
  /** The workflow timeout timer. */
  timer?: ReturnType<typeof setTimeout>;
  /** Timers of waiting steps (signal timeouts, delays), cleared when the run ends. */
  waits: Set<ReturnType<typeof setTimeout>>;
}
