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
  | 'step.log'
  /** A step's attempt reported usage (`ctx.usage`); `data.usage` is the amounts, `data.total` the step's. */
  | 'step.usage'
  /** A step is ready but waits: `data.signal` (with `data.until` for a timeout) or `data.delay` (and `until`). */
  | 'step.waiting'
  /** A signal reached the run: `data.signal`, `data.payload`, and `data.step` when a waiting step took it. */
  | 'signal.received'
  /** A route chose its back target: `data.iteration` is the new pass, `data.body` the steps it runs again. */
  | 'loop.iteration';

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
  /** The loop pass of a step in a loop body (1-based); absent outside loops. */
  iteration?: number;
  data?: unknown;
}
