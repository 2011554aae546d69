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

/** The event types that end a run (exactly one of them per run). */
export const RUN_END_TYPES = ['run.succeeded', 'run.failed', 'run.cancelled'] as const;

/** Whether an event of this type ends its run. */
export function isRunEnd(type: TraceEventType): type is (typeof RUN_END_TYPES)[number] {
  return type === 'run.succeeded' || type === 'run.failed' || type === 'run.cancelled';
}

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
