import type { Redis } from 'ioredis';
import type { RunState } from '../coordinator/run-state.js';
import type { TraceEvent } from '../events/trace-event.js';
import { decodeCursor, encodeCursor } from './run-cursor.js';
import { toSummary, type RunPage, type RunQuery, type RunStore } from './run-store.js';

/** Default time a finished run (its state, trace and list entry) is kept in Redis: 7 days. */
export const DEFAULT_FINISHED_RUN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Options of {@link RedisRunStore}. */
export interface RedisRunStoreOptions {
  /**
   * Prefix of every key the store writes.
   * @defaultValue `'baton'`
   */
  prefix?: string;
  /**
   * How long a finished run is kept, in milliseconds (then its keys expire).
   * @defaultValue 7 days
   */
  finishedRunTtlMs?: number;
}

/**
 * Keeps runs in Redis, shared by every process. Keys (under `prefix`): `run:<id>` (state JSON),
 * `run:<id>:events` (trace list), `runs` and `runs:wf:<name>` (sorted sets by creation order, for
 * `list`), `idem:<workflow>:<key>` (idempotency), `running` (ids of unfinished runs). Finished runs expire after `finishedRunTtlMs`; list
 * entries of expired runs are dropped lazily when a listing meets them.
 */
export class RedisRunStore implements RunStore {
  readonly prefix: string;
  private readonly ttlMs: number;

  constructor(
    private readonly redis: Redis,
    options: RedisRunStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? 'baton';
    this.ttlMs = options.finishedRunTtlMs ?? DEFAULT_FINISHED_RUN_TTL_MS;
  }

  /** The key of a run's state. */
  runKey(runId: string): string {
    return `${this.prefix}:run:${runId}`;
  }

  /** The key of the set of runs that have not finished. */
  get runningKey(): string {
    return `${this.prefix}:running`;
  }

  /** Ids of the runs that have not finished. */
  running(): Promise<string[]> {
    return this.redis.smembers(this.runningKey);
  }

  /** The key of a run's trace list. */
  eventsKey(runId: string): string {
    return `${this.prefix}:run:${runId}:events`;
  }

  async create(state: RunState, idempotencyKey?: string): Promise<void> {
    const order = await this.redis.incr(`${this.prefix}:runs:counter`);
    const multi = this.redis
      .multi()
      .set(this.runKey(state.runId), JSON.stringify(state))
      .zadd(`${this.prefix}:runs`, order, state.runId)
      .zadd(`${this.prefix}:runs:wf:${state.workflow}`, order, state.runId)
      .sadd(this.runningKey, state.runId);
    if (idempotencyKey !== undefined) multi.set(this.idempotencyKey(state.workflow, idempotencyKey), state.runId, 'NX');
    await multi.exec();
  }

  async finished(state: RunState): Promise<void> {
    await this.redis
      .multi()
      .set(this.runKey(state.runId), JSON.stringify(state), 'PX', this.ttlMs)
      .pexpire(this.eventsKey(state.runId), this.ttlMs)
      .srem(this.runningKey, state.runId)
      .exec();
  }

  async get(runId: string): Promise<RunState | undefined> {
    const json = await this.redis.get(this.runKey(runId));
    return json === null ? undefined : (JSON.parse(json) as RunState);
  }

  async findByIdempotencyKey(workflow: string, key: string): Promise<string | undefined> {
    const runId = await this.redis.get(this.idempotencyKey(workflow, key));
    if (runId === null) return undefined;
    return (await this.redis.exists(this.runKey(runId))) ? runId : undefined;
  }

  async list(query: RunQuery): Promise<RunPage> {
    const limit = query.limit ?? 50;
    const index = query.workflow === undefined ? `${this.prefix}:runs` : `${this.prefix}:runs:wf:${query.workflow}`;
    let before = query.cursor === undefined ? '+inf' : `(${decodeCursor(query.cursor)}`;
    const runs = [];
    let lastOrder = 0;
    for (;;) {
      const chunk = await this.redis.zrevrangebyscore(index, before, '-inf', 'WITHSCORES', 'LIMIT', 0, Math.max(limit + 1, 50));
      if (chunk.length === 0) return { runs };
      const ids = chunk.filter((_, i) => i % 2 === 0);
      const states = await this.redis.mget(ids.map((id) => this.runKey(id)));
      for (let i = 0; i < ids.length; i++) {
        const json = states[i];
        if (json === null || json === undefined) {
          await this.redis.zrem(index, ids[i]!);
          continue;
        }
        const state = JSON.parse(json) as RunState;
        if (query.status !== undefined && state.status !== query.status) continue;
        if (runs.length === limit) return { runs, nextCursor: encodeCursor(lastOrder) };
        runs.push(toSummary(state));
        lastOrder = Number(chunk[i * 2 + 1]);
      }
      before = `(${chunk.at(-1)}`;
    }
  }

  async appendEvents(runId: string, events: readonly TraceEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.redis.rpush(this.eventsKey(runId), ...events.map((e) => JSON.stringify(e)));
  }

  async events(runId: string, afterSeq = 0): Promise<TraceEvent[]> {
    // seq is 1-based and gap-free, so the event with seq n sits at index n - 1.
    const list = await this.redis.lrange(this.eventsKey(runId), Math.max(0, afterSeq), -1);
    return list.map((json) => JSON.parse(json) as TraceEvent);
  }

  private idempotencyKey(workflow: string, key: string): string {
    return `${this.prefix}:idem:${workflow}:${key}`;
  }
}
