import { BatonError, type BatonErrorContext } from './baton.error.js';

/** A signal was sent to a run that has ended (succeeded, failed, cancelled); nothing was changed. */
export class RunNotRunningError extends BatonError {
  /** Always `'RUN_NOT_RUNNING'`. */
  readonly code = 'RUN_NOT_RUNNING' as const;
  /** The run's status when the signal arrived (e.g. `'succeeded'`). */
  readonly status: string;
  /** The signal that was refused, when the error is about one. */
  readonly signal?: string;

  constructor(status: string, context: BatonErrorContext & { runId: string }, signal?: string) {
    super(
      `Run ${context.runId}${context.workflow ? ` of ${context.workflow}` : ''} has status '${status}' and no longer runs, ` +
        `so it cannot take ${signal === undefined ? 'signals' : `signal '${signal}'`}. ` +
        'Signal a run that is still running, or start a new run.',
      context,
    );
    this.status = status;
    if (signal !== undefined) this.signal = signal;
  }
}
