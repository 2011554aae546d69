import type { ErrorInfo, UsageTotals, WaitingFor } from '../coordinator/run-snapshot.js';

/** `run.started`: what the run is. The identifying fields are never cut; only `input` may be. */
export interface RunStartedData {
  /** The workflow's name. */
  workflow: string;
  /** The graph version the run was started on (a hash of the graph, or `@Workflow({ version })`'s label). */
  version: string;
  /** The run's input, or a `CutPayload` standing in for it when it was over the event size limit. */
  input: unknown;
  /** The run that started this one as a child. */
  parentRunId?: string;
  /** The run this one reruns. */
  rerunOf?: string;
  /** For a rerun: the steps whose outputs were reused rather than run again. */
  reused?: string[];
}

/** The `data` of each kind of trace event: the contract with the dashboard and every other reader. */
export interface TraceEventData {
  /** A run was created: which workflow and version, with what input. */
  'run.started': RunStartedData;
  /** The run's output (or its `CutPayload`). */
  'run.succeeded': { output: unknown };
  /** The run failed: the error of the step (or timeout, or budget) that ended it. */
  'run.failed': { error: ErrorInfo };
  /** `error` is a `RunCancelledError` whose `reason` says who cancelled. */
  'run.cancelled': { error: ErrorInfo };
  /** A step (or a forEach item, with `index`) was handed to a worker. */
  'step.scheduled': undefined;
  /** An attempt started; `worker` is the process (`host:pid`) when steps run in several. */
  'step.started': { worker: string } | undefined;
  /** The step (or a forEach item, with `index`) returned `output`. */
  'step.succeeded': { output: unknown };
  /**
   * The step failed for good (or an item did). `tolerated`: a join lets the run go on without it;
   * `aborted`: it was running when the run ended and was stopped; `failedItems`: how many items of a
   * forEach step failed (its output keeps the others').
   */
  'step.failed': { error: ErrorInfo; tolerated?: true; aborted?: true; failedItems?: number };
  /** An attempt failed and the step will run again after `delayMs`. */
  'step.retrying': { error: ErrorInfo; delayMs: number };
  /** The step's fallback produced `output` after `error`. */
  'step.recovered': { output: unknown; error?: ErrorInfo };
  /** `reason`: `route`, `upstream`, `superseded`, `stopped`, `cancelled`, `failed`, `timeout` or `budget`. */
  'step.skipped': { reason: string };
  /** `ctx.log(message, data)`. */
  'step.log': { message: string; data?: unknown };
  /** A step's attempt reported usage (`ctx.usage`): `usage` is the amounts, `total` the step's so far. */
  'step.usage': { usage: UsageTotals; total: UsageTotals };
  /** A step is ready but waits: for a signal (with `until` for a timeout) or a delay (and `until`). */
  'step.waiting': WaitingFor;
  /** A signal reached the run; `step` is the waiting step that took it, if one did. */
  'signal.received': { signal: string; payload: unknown; step?: string };
  /** A route chose its back target: `iteration` is the new pass, `body` the steps it runs again. */
  'loop.iteration': { target: string; iteration: number; maxIterations: number; body: string[] };
}

/** The kinds of trace event. */
export type TraceEventType = keyof TraceEventData;

/** The fields every trace event has. */
export interface TraceEventBase {
  /** Starts at 1 and increases by one per event of the run, so a reader can tell a gap from silence. */
  seq: number;
  /** The run the event belongs to. */
  runId: string;
  /** Epoch milliseconds. */
  ts: number;
  /** The step the event is about; absent for run events and `signal.received`. */
  step?: string;
  /** The item index of a forEach step's event. */
  index?: number;
  /** The attempt (from 1) of a step's `started`, `succeeded`, `failed`, `retrying` or `recovered`. */
  attempt?: number;
  /** The loop pass of a step in a loop body (1-based); absent outside loops. */
  iteration?: number;
}

/** A trace event of one kind, with that kind's `data` (optional where the kind may carry none). */
export type TraceEventOf<T extends TraceEventType> = TraceEventBase & { type: T } & (undefined extends TraceEventData[T]
    ? { data?: TraceEventData[T] }
    : { data: TraceEventData[T] });

/**
 * One entry of a run's trace: a union discriminated by `type`, so `if (event.type === 'step.failed')`
 * narrows `event.data` to `{ error, tolerated?, aborted? }`. A payload over the event size limit (a run's
 * input, a step's output, a log's data, a signal's payload) is replaced by a `CutPayload` in its own field;
 * everything else in `data` is always there.
 */
export type TraceEvent = { [T in TraceEventType]: TraceEventOf<T> }[TraceEventType];

/** The event types that end a run (exactly one of them per run). */
export const RUN_END_TYPES = ['run.succeeded', 'run.failed', 'run.cancelled'] as const;

/** Whether an event of this type ends its run. */
export function isRunEnd(type: TraceEventType): type is (typeof RUN_END_TYPES)[number] {
  return type === 'run.succeeded' || type === 'run.failed' || type === 'run.cancelled';
}

/** The error an event reports: a run's failure or cancellation, a step's failure, retry or recovery. */
export function eventError(event: TraceEvent): ErrorInfo | undefined {
  switch (event.type) {
    case 'run.failed':
    case 'run.cancelled':
    case 'step.failed':
    case 'step.retrying':
    case 'step.recovered':
      return event.data.error;
    default:
      return undefined;
  }
}
