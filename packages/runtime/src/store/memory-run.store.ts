import type { RunState } from '../coordinator/run-state.js';
import type { RunStatus } from '../coordinator/run-snapshot.js';
import type { TraceEvent } from '../events/trace-event.js';
import { decodeCursor, encodeCursor } from './run-cursor.js';
import { inputText, searchText, summarizeInput } from './input-summary.js';
import { SEARCH_SEPARATOR, SearchBlocks } from './search-blocks.js';
import { matchesStatus, toSummary, type RunPage, type RunQuery, type RunStore, type RunSummary } from './run-store.js';

/** Default number of finished runs the in-memory run store (the `memory` transport) keeps. */
export const DEFAULT_RETAINED_RUNS = 10_000;

interface Entry {
  state: RunState;
  /** Creation order, the cursor's unit. */
  order: number;
  events: TraceEvent[];
  /** The run's workflow and start time, kept beside the search text: a listing reads only the entry. */
  workflow: string;
  startedAt: number;
  /** The final status, once finished (a running run's status is read from its live state). */
  ended?: RunStatus;
  /** The input's list summary, computed at create. */
  summary: string;
  /** Lowercase run id and input text, what a search looks in (computed at create). */
  search: string;
  /** The number of the last search that found this run (see {@link InMemoryRunStore.list}). */
  hit?: number;
  idempotencyKey?: string;
  /** Digest of the input, for a run started with an idempotency key. */
  fingerprint?: string;
}

/** The run an idempotency key already names, when a start finds one. */
export interface ExistingRun {
  runId: string;
  fingerprint: string;
}

/**
 * Keeps runs in this process's memory: every running run, and the last `retain` finished ones (older
 * finished runs are dropped with their traces, so a long-running dev server stays bounded).
 */
export class InMemoryRunStore implements RunStore {
  private readonly runs = new Map<string, Entry>();
  /** Finished run ids, oldest first from `finishedHead` (a queue with a head index: O(1) trimming). */
  private finishedIds: string[] = [];
  private finishedHead = 0;
  private readonly idempotency = new Map<string, string>();
  private counter = 0;
  /** Every kept run's search text, for searching all of them at once. */
  private readonly searchable = new SearchBlocks<Entry>();
  private searches = 0;

  /** @param retain - how many finished runs to keep (default {@link DEFAULT_RETAINED_RUNS}) */
  constructor(private readonly retain = DEFAULT_RETAINED_RUNS) {}

  /** Records a new run, unless its idempotency key already names one (then resolves with that run). */
  async create(state: RunState, idempotency?: { key: string; fingerprint: string }): Promise<ExistingRun | undefined> {
    return this.createSync(state, idempotency);
  }

  /** Synchronous {@link create}, for the in-process transport's hot path; atomic per idempotency key. */
  createSync(state: RunState, idempotency?: { key: string; fingerprint: string }): ExistingRun | undefined {
    const text = inputText(state.input);
    const entry: Entry = {
      state,
      order: ++this.counter,
      events: [],
      workflow: state.workflow,
      startedAt: state.startedAt,
      summary: summarizeInput(text),
      search: searchText(state.runId, text),
    };
    if (idempotency !== undefined) {
      const key = `${state.workflow}\u0000${idempotency.key}`;
      const existing = this.idempotency.get(key);
      const existingEntry = existing === undefined ? undefined : this.runs.get(existing);
      if (existingEntry) return { runId: existing!, fingerprint: existingEntry.fingerprint ?? '' };
      entry.idempotencyKey = key;
      entry.fingerprint = idempotency.fingerprint;
      this.idempotency.set(key, state.runId);
    }
    this.runs.set(state.runId, entry);
    this.searchable.add(entry);
    return undefined;
  }

  async finished(state: RunState): Promise<void> {
    this.finishedSync(state);
  }

  /** Synchronous {@link finished}: records the run as finished and applies retention. */
  finishedSync(state: RunState): void {
    const entry = this.runs.get(state.runId);
    if (entry) {
      entry.state = state;
      entry.ended = state.status;
    }
    this.finishedIds.push(state.runId);
    while (this.finishedIds.length - this.finishedHead > this.retain) {
      const oldest = this.finishedIds[this.finishedHead++];
      const dropped = this.runs.get(oldest);
      if (dropped?.idempotencyKey !== undefined) this.idempotency.delete(dropped.idempotencyKey);
      if (dropped) this.searchable.remove(dropped);
      this.runs.delete(oldest);
    }
    if (this.finishedHead > 4096 && this.finishedHead * 2 > this.finishedIds.length) {
      this.finishedIds = this.finishedIds.slice(this.finishedHead);
      this.finishedHead = 0;
    }
  }

  async get(runId: string): Promise<RunState | undefined> {
    return this.getSync(runId);
  }

  /** Synchronous {@link get}. */
  getSync(runId: string): RunState | undefined {
    return this.runs.get(runId)?.state;
  }

  async findByIdempotencyKey(workflow: string, key: string): Promise<string | undefined> {
    return this.idempotency.get(`${workflow}\u0000${key}`);
  }

  /**
   * Runs newest first. Counting `total` walks every kept run once (O(n) in kept runs; about 10 ms at
   * 100 000, a search adds one `indexOf` per block of 512 texts); without filters it is the number of
   * kept runs.
   */
  async list(query: RunQuery): Promise<RunPage> {
    const limit = query.limit ?? 50;
    const before = query.cursor === undefined ? Number.POSITIVE_INFINITY : decodeCursor(query.cursor);
    const search = query.search?.toLowerCase() || undefined;
    const filtered =
      query.workflow !== undefined ||
      query.status !== undefined ||
      search !== undefined ||
      query.from !== undefined ||
      query.to !== undefined;
    const runs: RunSummary[] = [];
    let total = 0;
    let last: Entry | undefined;
    let more = false;
    const { workflow, status } = query;
    const from = query.from ?? Number.NEGATIVE_INFINITY;
    const to = query.to ?? Number.POSITIVE_INFINITY;
    // A search marks the runs it finds first (one indexOf per block of texts), then the walk checks marks.
    const stamp = ++this.searches;
    const marked = search !== undefined && !search.includes(SEARCH_SEPARATOR);
    if (marked) this.searchable.find(search, (entry) => (entry.hit = stamp));
    const entries = [...this.runs.values()];
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i];
      if (workflow !== undefined && entry.workflow !== workflow) continue;
      if (entry.startedAt < from || entry.startedAt > to) continue;
      if (search !== undefined && (marked ? entry.hit !== stamp : !entry.search.includes(search))) continue;
      if (
        status !== undefined &&
        (entry.ended === undefined ? !matchesStatus(entry.state, status) : entry.ended !== status)
      )
        continue;
      total++;
      if (entry.order >= before) continue;
      if (runs.length < limit) {
        runs.push(toSummary(entry.state, entry.summary));
        last = entry;
      } else {
        more = true;
        if (!filtered) break;
      }
    }
    if (!filtered) total = this.runs.size;
    return more ? { runs, total, nextCursor: encodeCursor(last!.order) } : { runs, total };
  }

  async appendEvents(runId: string, events: readonly TraceEvent[]): Promise<void> {
    this.appendEventsSync(runId, events);
  }

  /** Synchronous {@link appendEvents}. */
  appendEventsSync(runId: string, events: readonly TraceEvent[]): void {
    const entry = this.runs.get(runId);
    if (entry) for (const event of events) entry.events.push(event);
  }

  async events(runId: string, afterSeq = 0): Promise<TraceEvent[]> {
    const events = this.runs.get(runId)?.events ?? [];
    // seq is 1-based and gap-free, so the index of seq n is n - 1.
    return events.slice(Math.max(0, afterSeq));
  }

  /** How many runs are kept now (running and finished). */
  get size(): number {
    return this.runs.size;
  }
}
