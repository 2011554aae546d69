import type { RunState } from '../coordinator/run-state.js';
import type { TraceEvent } from '../events/trace-event.js';
import type { ErrorInfo, RunStatus } from '../coordinator/run-snapshot.js';

/** Filters and paging of `listRuns`. */
export interface RunQuery {
  /** Only runs of this workflow. */
  workflow?: string;
  /** Only runs in this status; `'waiting'`: running runs with a step waiting for a signal or a delay. */
  status?: RunStatus | 'waiting';
  /**
   * Page size, 1 to 1000.
   * @defaultValue 50
   */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /**
   * Only runs whose id, or whose input as compact JSON (its first 1 000 characters), contains this
   * text, case-insensitively; at most 200 characters.
   */
  search?: string;
  /** Only runs started at or after this time (epoch ms, inclusive). */
  from?: number;
  /** Only runs started at or before this time (epoch ms, inclusive). */
  to?: number;
}

/** A run in a list: everything but its input, output and steps. */
export interface RunSummary {
  /** The run's id. */
  runId: string;
  /** The registered name of the run's workflow. */
  workflow: string;
  /** `running`, or how the run ended. */
  status: RunStatus;
  /** When the run started (epoch ms). */
  startedAt: number;
  /** When the run ended (epoch ms); absent while it is running. */
  endedAt?: number;
  /** For a child run: the run whose step started it. */
  parentRunId?: string;
  /** For a rerun: the run it reruns. */
  rerunOf?: string;
  /** Why the run failed or was cancelled; absent otherwise. */
  error?: ErrorInfo;
  /** How many of its steps are waiting (for a signal or a delay), when some are. */
  waiting?: number;
  /** Its input as one line of compact JSON, cut to 120 characters with an ellipsis. */
  input?: string;
}

/** Whether a run passes a `listRuns` status filter (`'waiting'` is a running run with a waiting step). */
export function matchesStatus(state: RunState, status: RunQuery['status']): boolean {
  if (status === undefined) return true;
  if (status === 'waiting') return state.status === 'running' && (state.waiting ?? 0) > 0;
  return state.status === status;
}

/** One page of runs, newest first; `nextCursor` is absent on the last page. */
export interface RunPage {
  /** The runs of this page, newest first. */
  runs: RunSummary[];
  /** How many runs match the filters, across all pages (not only those after the cursor). */
  total: number;
  /** The `cursor` that fetches the next page; absent on the last page. */
  nextCursor?: string;
}

/**
 * Where runs and their traces are read from: what `BatonClient` and the dashboard use. Each transport
 * owns how its runs are written (the memory transport's {@link InMemoryRunStore}; the bull transport's
 * run writer, a Lua commit per transition).
 */
export interface RunStore {
  /** A run's state, or undefined if unknown or dropped by retention. */
  get(runId: string): Promise<RunState | undefined>;
  /** The run started with this idempotency key for this workflow, if any. */
  findByIdempotencyKey(workflow: string, key: string): Promise<string | undefined>;
  /** Runs newest first, filtered and paged, with the number of runs matching the filters. */
  list(query: RunQuery): Promise<RunPage>;
  /** A run's trace events with `seq > afterSeq`. */
  events(runId: string, afterSeq?: number): Promise<TraceEvent[]>;
}

/** Whether a run passes the `from` / `to` bounds of a query on its start time. */
export function matchesTime(startedAt: number, query: Pick<RunQuery, 'from' | 'to'>): boolean {
  return (query.from === undefined || startedAt >= query.from) && (query.to === undefined || startedAt <= query.to);
}

/** Turns a run state (and its input summary, when known) into the summary `listRuns` returns. */
export function toSummary(state: RunState, input?: string): RunSummary {
  return {
    runId: state.runId,
    workflow: state.workflow,
    status: state.status,
    startedAt: state.startedAt,
    ...(state.endedAt !== undefined && { endedAt: state.endedAt }),
    ...(state.parentRunId !== undefined && { parentRunId: state.parentRunId }),
    ...(state.rerunOf !== undefined && { rerunOf: state.rerunOf }),
    ...(state.error !== undefined && { error: state.error }),
    ...(state.waiting !== undefined && state.waiting > 0 && { waiting: state.waiting }),
    ...(input !== undefined && { input }),
  };
}
