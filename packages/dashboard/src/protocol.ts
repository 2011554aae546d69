/**
 * The dashboard's wire protocol: socket.io events on the `/baton` namespace, shared by the gateway and
 * the web UI. Types only, so the UI can import it without pulling in server code.
 *
 * Flow: a client emits a `subscribe:*` message with an acknowledgement callback; the ack carries the
 * snapshot; live updates follow as batched `run:events` / `runs:update` messages (at most one flush per
 * {@link FLUSH_INTERVAL_MS}). A client that reconnects re-subscribes with `afterSeq` = the last seq it
 * saw and receives exactly the events it missed. A client that falls too far behind gets a fresh
 * `run:snapshot` instead of the backlog.
 *
 * Waits: `signal:send` delivers a signal to a run (`client.signal`), its ack the run id or the error (with
 * `violations` for a payload its class refused). Progress: `subscribe:progress` forwards a run's
 * `client.progress` (its recent tail, then live) as batched `run:progress` messages until
 * `unsubscribe:progress`.
 */
import type { ErrorBody, ProgressEvent, RunQuery, RunSnapshot, RunSummary, TraceEvent } from '@baton/runtime';
import type { WorkflowGraph } from '@baton/sdk';

/**
 * The shortest time between two flushes of batched updates, in milliseconds: an event after a quiet spell
 * is sent at once; under load, events are batched per interval.
 */
export const FLUSH_INTERVAL_MS = 2;

/**
 * The shortest time between two `runs:update` messages to one client, in milliseconds: run-list changes
 * are gathered for this long under load (at 100 runs/s, a handful of messages a second, not hundreds).
 */
export const RUNS_UPDATE_INTERVAL_MS = 100;

/** The socket.io namespace of the dashboard. */
export const DASHBOARD_NAMESPACE = '/baton';

/** A registered workflow as the dashboard shows it. */
export interface WorkflowInfo {
  /** The workflow's registered name. */
  name: string;
  /** The workflow's compiled graph. */
  graph: WorkflowGraph;
  /** Example inputs by label, offered by the start-run form (from `BatonDashboardModule.forRoot({ samples })`). */
  samples?: Record<string, unknown>;
  /** What each signal of the graph carries, for the run page's signal forms; absent when no step waits. */
  signals?: SignalSchema[];
}

/**
 * How a signal form edits one field of a payload class, read from its class-validator decorators: `enum`
 * (`@IsIn`, `@IsEnum`), `string`, `number`, `boolean`, or `json` for anything else (nested, arrays).
 */
export type SignalFieldKind = 'enum' | 'string' | 'number' | 'boolean' | 'json';

/** One field of a signal's payload class. */
export interface SignalField {
  /** The property's name in the payload class. */
  name: string;
  /** Which form control edits it. */
  kind: SignalFieldKind;
  /** `@IsOptional()`: the form may leave it out. */
  optional: boolean;
  /** For `enum`: the allowed values (`@IsIn`, `@IsEnum`). */
  options?: (string | number | boolean)[];
  /** For `string`: `@MaxLength` / `@Length`. */
  maxLength?: number;
  /** For `string`: `@MinLength` / `@Length`. */
  minLength?: number;
  /** For `number`: `@Min`. */
  min?: number;
  /** For `number`: `@Max`. */
  max?: number;
  /** For `number`: `@IsInt`. */
  integer?: boolean;
}

/** A signal of a workflow and what its payload looks like. */
export interface SignalSchema {
  /** The signal's name (`@WaitFor(name)`). */
  name: string;
  /** The steps that wait for it, in graph order. */
  steps: string[];
  /** The payload class's name, when `@WaitFor` names one. */
  payload?: string;
  /** The payload's fields; absent when there is no class or it has no validation metadata (edit JSON then). */
  fields?: SignalField[];
}

/** The body of a `400` from `POST {path}/api/workflows/:name/runs`, and of every other REST error. */
export interface ApiError {
  /** What failed: its class name and message, with `code` and `violations` (invalid input or payload) when known. */
  error: ErrorBody;
}

/**
 * `subscribe:runs` request: the live run list, with the filters and paging of `listRuns` (search, status,
 * workflow, time range; a `cursor` browses older runs, with no live updates beyond page one).
 */
export type SubscribeRunsRequest = RunQuery;

/** `subscribe:runs` acknowledgement: one page of runs, newest first, and how many runs match the filters. */
export interface RunsSnapshot {
  /** The page's runs, newest first. */
  runs: RunSummary[];
  /** How many runs match the filters, across all pages. */
  total: number;
  /** The `cursor` of the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/**
 * `runs:update` message: runs that started or changed status since the last flush (upserts by runId), only
 * those matching the subscription's filters, plus those that stopped matching them (a run whose status
 * left the filtered one: the client drops it), and the filters' new total.
 */
export interface RunsUpdate {
  /** The changed runs, upserts by `runId`, including those that stopped matching (the client drops them). */
  runs: RunSummary[];
  /**
   * How many runs match the subscription's filters now: the snapshot's total, plus runs that started or
   * came to match since, minus runs that stopped matching (a run started before the dashboard's process
   * is not followed live; the next `subscribe:runs` counts it again).
   */
  total: number;
}

/** `subscribe:run` request: one run's trace; `afterSeq` resumes after a reconnect. */
export interface SubscribeRunRequest {
  /** The run to follow. */
  runId: string;
  /** The last seq the client holds; the ack then carries only later events and no snapshot. */
  afterSeq?: number;
}

/** `subscribe:run` acknowledgement (and `run:snapshot` message). */
export interface RunSubscription {
  /** The run subscribed to. */
  runId: string;
  /** Absent when resuming with `afterSeq` and the missed events could be served. */
  snapshot?: RunSnapshot;
  /** The run's workflow graph (with the snapshot). */
  graph?: WorkflowGraph;
  /** What the graph's signals carry (with the graph, when some step waits). */
  signals?: SignalSchema[];
  /** Every event so far (with a snapshot), or the events after `afterSeq` (when resuming). */
  events: TraceEvent[];
}

/** `run:events` message: live events of one subscribed run, in seq order, without gaps. */
export interface RunEvents {
  /** The run the events belong to. */
  runId: string;
  /** Its new events, in seq order. */
  events: TraceEvent[];
}

/** What an acknowledgement carries when the request failed. */
export interface ErrorReply {
  /** What failed: its class name and message, with `code` and `violations` (invalid input or payload) when known. */
  error: ErrorBody;
}

/** `trace:events` message: live events of every run (after `subscribe:trace`), each run's in seq order. */
export interface TraceBatch {
  /** Events since the last batch, each run's in seq order. */
  events: TraceEvent[];
  /** Events dropped since the last batch because the client fell too far behind. */
  lost?: number;
}

/** `signal:send` request: a signal for a run (`client.signal(runId, signal, payload)`). */
export interface SendSignalRequest {
  /** The run to signal. */
  runId: string;
  /** The signal's name, as a step's `@WaitFor` names it. */
  signal: string;
  /** The signal's payload, checked against the `@WaitFor({ payload })` class if there is one. */
  payload?: unknown;
}

/** `signal:send` acknowledgement when the signal was recorded. */
export interface SignalSent {
  /** The id of the run that recorded the signal. */
  runId: string;
}

/** `subscribe:progress` request: the progress (`ctx.progress`) of one run's steps. */
export interface SubscribeProgressRequest {
  /** The run whose progress to follow (or, in `unsubscribe:progress`, to stop following). */
  runId: string;
}

/**
 * `run:progress` message: progress of one followed run, oldest first (its recent tail right after
 * subscribing). Ephemeral: a client that falls behind gets only the latest {@link PROGRESS_BUFFER} per run.
 */
export interface RunProgress {
  /** The followed run. */
  runId: string;
  /** Its progress events since the last message, oldest first. */
  events: ProgressEvent[];
}

/** The most progress events buffered per followed run between two flushes (older ones are dropped). */
export const PROGRESS_BUFFER = 100;

/** Messages the client sends, with their acknowledgement payloads. */
export interface ClientToServer {
  /** Lists the registered workflows. */
  workflows: (ack: (reply: WorkflowInfo[] | ErrorReply) => void) => void;
  /** The run list: the ack is one page; on page one (no `cursor`), `runs:update` messages follow. */
  'subscribe:runs': (request: SubscribeRunsRequest, ack: (reply: RunsSnapshot | ErrorReply) => void) => void;
  /** Stops the `runs:update` messages. */
  'unsubscribe:runs': () => void;
  /** One run: the ack is its snapshot and trace (or the events after `afterSeq`); `run:events` follow. */
  'subscribe:run': (request: SubscribeRunRequest, ack: (reply: RunSubscription | ErrorReply) => void) => void;
  /** Stops following a run. */
  'unsubscribe:run': (request: { runId: string }) => void;
  /** Live events of every run (no snapshot): for tools and load tests. */
  'subscribe:trace': (ack: (reply: { ok: true }) => void) => void;
  /** Stops the `trace:events` messages. */
  'unsubscribe:trace': () => void;
  /** Sends a signal to a run; the ack has the run id, or the error (`violations` for an invalid payload). */
  'signal:send': (request: SendSignalRequest, ack: (reply: SignalSent | ErrorReply) => void) => void;
  /** A run's step progress, as `run:progress` messages. */
  'subscribe:progress': (request: SubscribeProgressRequest, ack: (reply: { ok: true } | ErrorReply) => void) => void;
  /** Stops the run's `run:progress` messages. */
  'unsubscribe:progress': (request: SubscribeProgressRequest) => void;
}

/** Messages the server pushes. */
export interface ServerToClient {
  /** Changes to the run list followed with `subscribe:runs`. */
  'runs:update': (update: RunsUpdate) => void;
  /** New events of a run followed with `subscribe:run`. */
  'run:events': (batch: RunEvents) => void;
  /** A fresh snapshot of a followed run, sent instead of the backlog of a client that fell behind. */
  'run:snapshot': (subscription: RunSubscription) => void;
  /** Live events of every run, after `subscribe:trace`. */
  'trace:events': (batch: TraceBatch) => void;
  /** Step progress of a run followed with `subscribe:progress`. */
  'run:progress': (batch: RunProgress) => void;
}
