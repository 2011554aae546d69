import type { Redis } from 'ioredis';
import type { RunState } from '../../coordinator/run-state.js';
import type { TraceEvent } from '../../events/trace-event.js';
import { decodeCursor, encodeCursor } from '../../store/run-cursor.js';
import {
  matchesStatus,
  toSummary,
  type RunPage,
  type RunQuery,
  type RunStore,
  type RunSummary,
} from '../../store/run-store.js';
import { unpackEvent } from './packed-event.js';
import { unarchived, unpackArchive } from './run-archive.js';
import { decodeRun } from './run-codec.js';
import type { RedisKeys } from './redis-keys.js';

/** Default time a finished run (its state, trace, idempotency key and list entries) is kept in Redis: 7 days. */
export const DEFAULT_FINISHED_RUN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Reads runs kept in Redis by the bull transport (see {@link RedisKeys} for the layout). It writes
 * nothing: the run writer is the only writer. A listing skips entries of runs that have expired; the
 * create script removes such entries as runs expire, so listings stay bounded by retention.
 */
export class RedisRunStore implements RunStore {
  constructor(
    private readonly redis: Redis,
    /** Where every key is named. */
    readonly keys: RedisKeys,
  ) {}

  /** Ids of the runs that have not finished. */
  running(): Promise<string[]> {
    return this.redis.smembers(this.keys.running);
  }

  async get(runId: string): Promise<RunState | undefined> {
    return decodeRun(unarchived(await this.redis.hgetall(this.keys.run(runId))))?.state;
  }

  async findByIdempotencyKey(workflow: string, key: string): Promise<string | undefined> {
    const value = await this.redis.get(this.keys.idempotency(workflow, key));
    if (value === null) return undefined;
    const runId = value.slice(0, value.indexOf('\n'));
    return (await this.redis.exists(this.keys.run(runId))) ? runId : undefined;
  }

  async list(query: RunQuery): Promise<RunPage> {
    const limit = query.limit ?? 50;
    const index = query.workflow === undefined ? this.keys.runs : this.keys.runsOf(query.workflow);
    let before = query.cursor === undefined ? '+inf' : `(${decodeCursor(query.cursor)}`;
    const runs: RunSummary[] = [];
    let lastOrder = 0;
    for (;;) {
      const chunk = await this.redis.zrevrangebyscore(
        index,
        before,
        '-inf',
        'WITHSCORES',
        'LIMIT',
        0,
        Math.max(limit + 1, 50),
      );
      if (chunk.length === 0) return { runs };
      const ids = chunk.filter((_, i) => i % 2 === 0);
      const pipeline = this.redis.pipeline();
      for (const id of ids) pipeline.hmget(this.keys.run(id), 'meta', 'seq');
      const metas = (await pipeline.exec()) ?? [];
      for (let i = 0; i < ids.length; i++) {
        const [meta] = (metas[i]?.[1] as Array<string | null> | undefined) ?? [];
        if (meta === null || meta === undefined) continue; // expired: the create script prunes its entry
        const state = JSON.parse(meta) as RunState;
        if (!matchesStatus(state, query.status)) continue;
        if (runs.length === limit) return { runs, nextCursor: encodeCursor(lastOrder) };
        runs.push(toSummary(state));
        lastOrder = Number(chunk[i * 2 + 1]);
      }
      before = `(${chunk.at(-1)}`;
    }
  }

  async events(runId: string, afterSeq = 0): Promise<TraceEvent[]> {
    // seq is 1-based and gap-free, so the event with seq n sits at index n - 1.
    const from = Math.max(0, afterSeq);
    const [listed, archived] =
      (await this.redis
        .multi()
        .lrange(this.keys.events(runId), from, -1)
        .hget(this.keys.run(runId), 'archive')
        .exec()) ?? [];
    const archive = archived?.[1] as string | null | undefined;
    const list = archive ? unpackArchive(archive).events.slice(from) : ((listed?.[1] as string[] | undefined) ?? []);
    return list.map((json, i) => unpackEvent(json, runId, from + i + 1));
  }
}
