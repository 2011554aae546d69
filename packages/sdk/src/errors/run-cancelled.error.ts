import { BatonError, type BatonErrorContext } from './baton.error.js';

/** The run was cancelled; awaiting its result rejects with this. */
export class RunCancelledError extends BatonError {
  /** Always `'RUN_CANCELLED'`. */
  readonly code = 'RUN_CANCELLED' as const;
  /** Why the run was cancelled, when a reason was given. */
  readonly reason?: string;

  constructor(context: BatonErrorContext & { runId: string }, reason?: string) {
    super(`Run ${context.runId} was cancelled${reason ? `: ${reason}` : ''}.`, context);
    if (reason !== undefined) this.reason = reason;
  }
}
