/**
 * The dashboard's wire protocol: socket.io events on the `/baton` namespace, shared by the gateway and
 * the web UI. Types only, so the UI can import it without pulling in server code.
 *
 * Flow: a client emits a `subscribe:*` message with an acknowledgement callback; the ack carries the
 * snapshot; live updates follow as batched `run:events` / `runs:update` messages (at most one flush per
 * {@link FLUSH_INTERVAL_MS}). A client that reconnects re-subscribes with `afterSeq` = the last seq it
 * saw and receives exactly the events it missed. A client that falls too far behind gets a fresh
 * `run:snapshot` instead of the backlog.
 */
import type { ErrorBody, RunQuery, RunSnapshot, RunSummary, TraceEvent } from '@baton/runtime';
import type { WorkflowGraph } from '@baton/sdk';

/**
 * The shortest time between two flushes of batched updates, in milliseconds: an event after a quiet spell
 * is sent at once; under load, events are batched per interval.
 */
export const FLUSH_INTERVAL_MS = 2;

/** The socket.io namespace of the dashboard. */
export const DASHBOARD_NAMESPACE = '/baton';

/** A registered workflow as the dashboard shows it. */
export interface WorkflowInfo {
  name: string;
  graph: WorkflowGraph;
  /** Example inputs by label, offered by the start-run form (from `BatonDashboardModule.forRoot({ samples })`). */
  samples?: Record<string, unknown>;
}

/** The body of a `400` from `POST {path}/api/workflows/:name/runs`, and of every other REST error. */
export interface ApiError {
  error: ErrorBody;
}

/** `subscribe:runs` request: the live run list, with the filters and paging of `listRuns` (a `cursor` browses older runs, with no live updates beyond page one). */
export type SubscribeRunsRequest = RunQuery;

/** `subscribe:runs` acknowledgement: one page of runs, newest first. */
export interface RunsSnapshot {
  runs: RunSummary[];
  nextCursor?: string;
}

/** `runs:update` message: runs that started or changed status since the last flush (upserts by runId). */
export interface RunsUpdate {
  runs: RunSummary[];
}

/** `subscribe:run` request: one run's trace; `afterSeq` resumes after a reconnect. */
export interface SubscribeRunRequest {
  runId: string;
  /** The last seq the client holds; the ack then carries only later events and no snapshot. */
  afterSeq?: number;
}

/** `subscribe:run` acknowledgement (and `run:snapshot` message). */
export interface RunSubscription {
  runId: string;
  /** Absent when resuming with `afterSeq` and the missed events could be served. */
  snapshot?: RunSnapshot;
  /** The run's workflow graph (with the snapshot). */
  graph?: WorkflowGraph;
  /** Every event so far (with a snapshot), or the events after `afterSeq` (when resuming). */
  events: TraceEvent[];
}

/** `run:events` message: live events of one subscribed run, in seq order, without gaps. */
export interface RunEvents {
  runId: string;
  events: TraceEvent[];
}

/** What an acknowledgement carries when the request failed. */
export interface ErrorReply {
  error: ErrorBody;
}

/** `trace:events` message: live events of every run (after `subscribe:trace`), each run's in seq order. */
export interface TraceBatch {
  events: TraceEvent[];
  /** Events dropped since the last batch because the client fell too far behind. */
  lost?: number;
}

/** Messages the client sends, with their acknowledgement payloads. */
export interface ClientToServer {
  workflows: (ack: (reply: WorkflowInfo[] | ErrorReply) => void) => void;
  'subscribe:runs': (request: SubscribeRunsRequest, ack: (reply: RunsSnapshot | ErrorReply) => void) => void;
  'unsubscribe:runs': () => void;
  'subscribe:run': (request: SubscribeRunRequest, ack: (reply: RunSubscription | ErrorReply) => void) => void;
  'unsubscribe:run': (request: { runId: string }) => void;
  /** Live events of every run (no snapshot): for tools and load tests. */
  'subscribe:trace': (ack: (reply: { ok: true }) => void) => void;
  'unsubscribe:trace': () => void;
}

/** Messages the server pushes. */
export interface ServerToClient {
  'runs:update': (update: RunsUpdate) => void;
  'run:events': (batch: RunEvents) => void;
  'run:snapshot': (subscription: RunSubscription) => void;
  'trace:events': (batch: TraceBatch) => void;
}
