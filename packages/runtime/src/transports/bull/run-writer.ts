import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { StepKind, WorkflowGraph } from '@baton/sdk';
import type { Transition } from '../../coordinator/coordinator.js';
import type { RunState } from '../../coordinator/run-state.js';
import { cutPayload } from '../../events/cut-payload.js';
import { RunConflictError } from '../../errors/run-conflict.error.js';
import type { TraceEvent } from '../../events/trace-event.js';
import { packEvent, packPublication } from './packed-event.js';
import { decodeRun, encodeChanges, encodeRun } from './run-codec.js';
import { ARCHIVE_RUN, COMMIT_RUN, CREATE_RUN } from './run-scripts.js';
import { packArchive, unarchived } from './run-archive.js';
import type { RedisKeys } from './redis-keys.js';
import type { RunTracer } from '../../observability/run-tracer.js';

/** What a transaction computed from a run's state: the transition, plus what it wrote beyond its events. */
export interface RunChange {
  transition: Transition;
  /** Steps changed without an event naming them (e.g. added by a graph migration). */
  touched?: Iterable<string>;
  /** Extra field/value pairs of the run's hash (e.g. a forEach step's items). */
  fields?: string[];
  /** The step kinds the run is recorded under from now on (after a graph migration). */
  kinds?: Record<string, StepKind>;
}

/** How an idempotent start claims its key. */
export interface IdempotencyClaim {
  key: string;
  /** A digest of the input: a reused key with another input is a conflict. */
  fingerprint: string;
}

/** The outcome of {@link RunWriter.create}. */
export type CreateOutcome = { created: true } | { created: false; runId: string; fingerprint: string };

/** Options of {@link RunWriter}. */
export interface RunWriterOptions {
  /** How long a finished run's keys are kept, in ms. */
  retentionMs: number;
  /** Largest trace-event payload, in bytes of JSON. */
  maxPayloadBytes: number;
  /** How many running runs' states this process keeps between transactions. */
  cacheSize?: number;
  /** Turns committed events into OpenTelemetry spans (and stamps a new run's `traceparent`). */
  tracer?: RunTracer;
}

/** Gives up a transaction after this many conflicting commits by other processes. */
const MAX_CONFLICTS = 200;

type CommitReply = [number, number, string[]?];

/**
 * The one writer of runs in Redis: creates runs, applies transitions and finishes runs, each as one
 * compare-and-set Lua commit ({@link COMMIT_RUN}) that writes only what changed (a transition's cost does
 * not grow with the number of steps in the run). Transactions on one run are serialised in this process;
 * between processes, a commit computed from a stale `seq` is refused and computed again from a fresh read.
 * The states of running runs are cached, so a worker that keeps moving the same run reads nothing.
 */
export class RunWriter {
  private readonly cache = new Map<string, Loaded>();
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Per run, the transactions waiting for the commit in flight, to be committed together. */
  private readonly batches = new Map<string, Batch>();
  private readonly cacheSize: number;
  /** Commit tokens: this writer's random prefix and a counter (unique without a random draw per commit). */
  private readonly tokenPrefix = randomBytes(6).toString('base64url');
  private commitCount = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly options: RunWriterOptions,
  ) {
    this.cacheSize = options.cacheSize ?? 2_000;
    redis.defineCommand('batonCreateRun', { numberOfKeys: 9, lua: CREATE_RUN });
    redis.defineCommand('batonCommitRun', { numberOfKeys: 6, lua: COMMIT_RUN });
    redis.defineCommand('batonArchiveRun', { numberOfKeys: 2, lua: ARCHIVE_RUN });
  }

  /** Records a new run with its first transition, unless its idempotency key already names a run. */
  async create(first: Transition, graph: WorkflowGraph, idempotency?: IdempotencyClaim): Promise<CreateOutcome> {
    const { state, events } = first;
    // Before encoding: a recording run span puts its `traceparent` in the run's meta for the workers.
    const parent = state.parentRunId === undefined ? undefined : this.cache.get(state.parentRunId);
    this.options.tracer?.record(state, events, parent?.state.traceparent);
    const idemKey =
      idempotency === undefined ? this.keys.run(state.runId) : this.keys.idempotency(state.workflow, idempotency.key);
    const { list, payload } = this.encodeEvents(events);
    const finished = state.status !== 'running';
    const created = (this.redis as unknown as Commands).batonCreateRun(
      this.keys.run(state.runId),
      this.keys.events(state.runId),
      this.keys.runs,
      this.keys.runsOf(state.workflow),
      this.keys.running,
      this.keys.counter,
      this.keys.expiry,
      idemKey,
      this.keys.listing,
      state.runId,
      idempotency === undefined ? '' : `${state.runId}\n${idempotency.fingerprint}`,
      this.keys.eventsChannel,
      payload,
      this.options.retentionMs,
      finished ? '1' : '0',
      Date.now(),
      `${state.workflow}\n${state.runId}`,
      this.keys.runsOfPrefix,
      list.length,
      ...list,
      ...encodeRun(state, graph, idempotency?.key),
    ) as Promise<[number, string?]>;
    const reply = await created.catch((error: unknown) => {
      this.options.tracer?.discard(state.runId);
      throw error;
    });
    if (reply[0] === 0) {
      this.options.tracer?.discard(state.runId);
      const [runId, fingerprint] = splitOnce(reply[1]!);
      return { created: false, runId, fingerprint };
    }
    if (finished) void this.archive(state.runId, state.seq).catch(() => undefined);
    const kinds = Object.fromEntries(graph.steps.map((node) => [node.name, node.kind]));
    if (!finished)
      this.remember(state.runId, { state, kinds, ...(idempotency && { idempotencyKey: idempotency.key }) });
    return { created: true };
  }

  /**
   * Runs one transaction on a run: `compute` gets the run's current state (which it may change in place)
   * and returns what changed; the change is committed only if nobody moved the run meanwhile, else
   * `compute` runs again on a fresh read. Resolves with the committed transition, or undefined when the
   * run does not exist (never created, expired, or lost with Redis's data).
   */
  apply(runId: string, compute: Compute): Promise<Transition | undefined> {
    let batch = this.batches.get(runId);
    if (!batch) {
      const formed: Batch = { computes: [], waiters: [] };
      batch = formed;
      this.batches.set(runId, formed);
      const previous = this.queues.get(runId) ?? Promise.resolve();
      const next = previous.then(() => {
        // From here on, transactions asked for join the next batch.
        this.batches.delete(runId);
        return this.transact(runId, formed);
      });
      this.queues.set(runId, next);
      const cleanup = (): void => {
        if (this.queues.get(runId) === next) this.queues.delete(runId);
      };
      next.then(cleanup, cleanup);
    }
    const joined = batch;
    return new Promise((resolve, reject) => {
      joined.computes.push(compute);
      joined.waiters.push({ resolve, reject });
    });
  }

  /** A run's whole state (from this process's cache when it holds the latest), or undefined. */
  async read(runId: string): Promise<RunState | undefined> {
    return (await this.load(runId))?.state;
  }

  /**
   * Compresses a finished run into one field (state and trace), if it is still at `seq`: Redis keeps a
   * finished run in a fraction of the bytes, until it expires. Readers see no difference.
   */
  async archive(runId: string, seq: number): Promise<boolean> {
    const [hash, events] =
      (await this.redis.multi().hgetall(this.keys.run(runId)).lrange(this.keys.events(runId), 0, -1).exec()) ?? [];
    const fields = { ...((hash?.[1] as Record<string, string> | undefined) ?? {}) };
    if (fields.seq !== String(seq) || fields.archive !== undefined) return false;
    delete fields.seq;
    delete fields.meta;
    delete fields.q;
    delete fields.st;
    delete fields.commits;
    const packed = packArchive({ fields, events: (events?.[1] as string[] | undefined) ?? [] });
    return (
      (await (this.redis as unknown as Commands).batonArchiveRun(
        this.keys.run(runId),
        this.keys.events(runId),
        seq,
        packed,
      )) === 1
    );
  }

  /** Drops what this process remembers of a run (e.g. after Redis lost it). */
  forget(runId: string): void {
    this.cache.delete(runId);
  }

  /**
   * Commits a batch: every transaction asked for on this run while the previous commit was in flight is
   * computed in order on one state and committed together (group commit: a fan-out's branches finishing
   * together cost one round trip, not one each). Each caller gets its own transition.
   */
  private async transact(runId: string, batch: Batch): Promise<void> {
    try {
      const results = await this.commitBatch(runId, batch.computes);
      batch.waiters.forEach((waiter, i) => waiter.resolve(results?.[i]));
    } catch (error) {
      for (const waiter of batch.waiters) waiter.reject(error);
    }
  }

  private async commitBatch(runId: string, computes: readonly Compute[]): Promise<Transition[] | undefined> {
    const token = `${this.tokenPrefix}${(this.commitCount++).toString(36)}`;
    let uncertain: Transition[] | undefined;
    let fresh: Loaded | undefined;
    for (let conflict = 0; conflict < MAX_CONFLICTS; conflict++) {
      const cached = fresh ? undefined : this.cache.get(runId);
      const entry = fresh ?? cached ?? (await this.load(runId));
      fresh = undefined;
      if (!entry) return undefined;
      // A commit whose reply was lost to a reconnect may have landed: its token says so.
      if (uncertain && entry.commits?.split(' ').includes(token)) return uncertain;
      const { state } = entry;
      const expected = state.seq;
      this.cache.delete(runId); // computing mutates the state: it is ours again only once committed
      const changes = computes.map((compute) => compute(state, entry.kinds));
      const transitions = changes.map((change) => change.transition);
      const change = mergeChanges(state, changes);
      if (change.transition.events.length === 0) {
        // Nothing happened. From the cache, that may only mean the cache is behind another process's
        // commits (a step it scheduled looks pending here): read the run afresh and compute again.
        if (cached) continue;
        // A state changed without events (a migration alone) is not kept.
        if (state.status === 'running' && change.touched === undefined) this.remember(runId, entry);
        return transitions;
      }
      // Encoding errors are not retried: only what Redis and the network do is.
      const args = this.commitArgs(entry, expected, change, token);
      let reply: CommitReply;
      try {
        reply = (await (this.redis as unknown as Commands).batonCommitRun(...args)) as CommitReply;
      } catch (error) {
        if (conflict >= 20) throw error;
        uncertain = transitions;
        await delay(50 * (conflict + 1));
        continue;
      }
      if (reply[0] === 1 || reply[0] === 2) {
        this.options.tracer?.record(state, change.transition.events);
        if (state.status === 'running' && reply[0] === 1)
          this.remember(runId, {
            state,
            kinds: change.kinds ?? entry.kinds,
            ...(entry.idempotencyKey !== undefined && { idempotencyKey: entry.idempotencyKey }),
          });
        if (state.status !== 'running' && reply[0] === 1) void this.archive(runId, state.seq).catch(() => undefined);
        return transitions;
      }
      if (reply[0] === -1) return undefined;
      // Another process moved the run first: the reply carries the run as it is now. Compute again on it,
      // at once the first time, then backing off.
      fresh = reply[2] === undefined ? undefined : loaded(Object.fromEntries(pairs(reply[2])));
      if (conflict > 0) await delay(Math.random() * Math.min(20, conflict));
    }
    throw new RunConflictError(runId, MAX_CONFLICTS);
  }

  private commitArgs(entry: Loaded, expected: number, change: RunChange, token: string): Array<string | number> {
    const { state, events } = change.transition;
    const touched = new Set<string>(change.touched);
    for (const step of change.transition.touched ?? []) touched.add(step);
    for (const event of events) if (event.step !== undefined) touched.add(event.step);
    const { list, payload } = this.encodeEvents(events);
    const idemKey =
      entry.idempotencyKey === undefined
        ? this.keys.run(state.runId)
        : this.keys.idempotency(state.workflow, entry.idempotencyKey);
    return [
      this.keys.run(state.runId),
      this.keys.events(state.runId),
      this.keys.running,
      this.keys.expiry,
      idemKey,
      this.keys.listing,
      expected,
      state.seq,
      state.status === 'running' ? '0' : '1',
      this.options.retentionMs,
      this.keys.eventsChannel,
      payload,
      Date.now(),
      state.runId,
      `${state.workflow}\n${state.runId}`,
      list.length,
      ...list,
      ...encodeChanges(state, touched, entry.idempotencyKey),
      ...(change.fields ?? []),
      token,
    ];
  }

  private async load(runId: string): Promise<Loaded | undefined> {
    const cached = this.cache.get(runId);
    if (cached) return cached;
    return loaded(await this.redis.hgetall(this.keys.run(runId)));
  }

  private remember(runId: string, entry: Loaded): void {
    this.cache.delete(runId);
    this.cache.set(runId, entry);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }

  private encodeEvents(events: readonly TraceEvent[]): { list: string[]; payload: string } {
    if (events.length === 0) return { list: [], payload: '' };
    const list = events.map((event) => packEvent(cutPayload(event, this.options.maxPayloadBytes)));
    return { list, payload: packPublication(events[0].runId, events[0].seq, list) };
  }
}

/** A transaction on a run: changes the state in place and says what changed. */
type Compute = (state: RunState, kinds: Readonly<Record<string, StepKind>>) => RunChange;

/** Transactions on one run waiting to be committed together, with their callers. */
interface Batch {
  computes: Compute[];
  waiters: Array<{ resolve(transition: Transition | undefined): void; reject(error: unknown): void }>;
}

/** A run as read: its state, its idempotency key, and the tokens of its last commits. */
interface Loaded {
  state: RunState;
  kinds: Record<string, StepKind>;
  idempotencyKey?: string;
  commits?: string;
}

interface Commands {
  batonCreateRun(...args: Array<string | number>): Promise<unknown>;
  batonCommitRun(...args: Array<string | number>): Promise<unknown>;
  batonArchiveRun(...args: Array<string | number>): Promise<unknown>;
}

/** One commit's worth of changes: the batch's transitions in order, their touched steps and fields. */
function mergeChanges(state: RunState, changes: readonly RunChange[]): RunChange {
  if (changes.length === 1) return changes[0];
  const touched = new Set<string>();
  const fields: string[] = [];
  let kinds: Record<string, StepKind> | undefined;
  const transition: Transition = { state, actions: [], events: [] };
  for (const change of changes) {
    transition.events.push(...change.transition.events);
    transition.actions.push(...change.transition.actions);
    for (const step of change.touched ?? []) touched.add(step);
    for (const step of change.transition.touched ?? []) touched.add(step);
    fields.push(...(change.fields ?? []));
    kinds = change.kinds ?? kinds;
  }
  return {
    transition,
    ...(touched.size > 0 && { touched }),
    ...(fields.length > 0 && { fields }),
    ...(kinds && { kinds }),
  };
}

/** A run as the writer holds it, from its hash (HGETALL), or undefined when there is none. */
function loaded(hash: Record<string, string>): Loaded | undefined {
  const decoded = decodeRun(unarchived(hash));
  return decoded && (hash.commits === undefined ? decoded : { ...decoded, commits: hash.commits });
}

/** The field/value pairs of a flat HGETALL reply. */
function* pairs(flat: readonly string[]): Generator<[string, string]> {
  for (let i = 0; i + 1 < flat.length; i += 2) yield [flat[i], flat[i + 1]];
}

function splitOnce(value: string): [string, string] {
  const cut = value.indexOf('\n');
  return [value.slice(0, cut), value.slice(cut + 1)];
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
