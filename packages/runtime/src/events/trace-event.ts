/** The kinds of trace event, the contract with the dashboard. */
export type TraceEventType =
  | 'run.started'
  | 'run.succeeded'
  | 'run.failed'
  | 'run.cancelled'
  | 'step.scheduled'
  | 'step.started'
  | 'step.succeeded'
  | 'step.failed'
  | 'step.retrying'
  | 'step.recovered'
  | 'step.skipped'
  | 'step.log';

/**
 * One entry of a run's trace. `seq` starts at 1 and increases by one per event of the run, so a reader
 * can tell a gap from silence and resume after a reconnect.
 */
export interface TraceEvent {
  seq: number;
  runId: string;
  /** Epoch milliseconds. */
  ts: number;
  type: TraceEventType;
  step?: string;
  /** The item index of a forEach step's event. */
  index?: number;
  attempt?: number;
  data?: unknown;
}
