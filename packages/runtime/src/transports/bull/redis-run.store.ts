import type { Redis } from 'ioredis';
import type { RunState } from '../../coordinator/run-state.js';
import type { TraceEvent } from '../../events/trace-event.js';
import { decodeCursor, encodeCursor } from '../../store/run-cursor.js';
import { toSummary, type RunPage, type RunQuery, type RunStore, type RunSummary } from '../../store/run-store.js';
import { unpackEvent } from './packed-event.js';
import { unarchived, unpackArchive } from './run-archive.js';
import { decodeRun, listingSummary } from './run-codec.js';
import { LIST_RUNS } from './run-scripts.js';
import type { RedisKeys } from './redis-keys.js';

/** Default time a finished run (its state, trace, idempotency key and list entries) is kept in Redis: 7 days. */
export const DEFAULT_FINISHED_RUN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** How many index entries one call of the {@link LIST_RUNS} script scans (bounds how long Redis is busy). */
const SCAN_CHUNK = 10_000;

type ListReply = [number, string, ...string[]];
interface Commands {
  batonListRuns(index: string, ...args: Array<string | number>): Promise<ListReply>;
}

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
  ) {
    redis.defineCommand('batonListRuns', { numberOfKeys: 1, lua: LIST_RUNS });
  }

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

  /**
   * Runs newest first. Without a status, search or time filter, `total` is the size of the listing index
   * (ZCARD; it may count a few runs that expired and are not pruned yet). With one, counting is O(n) in
   * every kept run: the {@link LIST_RUNS} script scans the `runs:listing` lines inside Redis (no hash is
   * read), 10 000 per call (see docs/performance.md for its cost at 100 000 runs).
   */
  async list(query: RunQuery): Promise<RunPage> {
    const index = query.workflow === undefined ? this.keys.runs : this.keys.runsOf(query.workflow);
    const filtered = query.status !== undefined || !!query.search || query.from !== undefined || query.to !== undefined;
    return filtered ? this.scan(query) : this.page(index, query);
  }

  /** A page of an index without filters; the total is the index's size. */
  private async page(index: string, query: RunQuery): Promise<RunPage> {
    const limit = query.limit ?? 50;
    let before = query.cursor === undefined ? '+inf' : `(${decodeCursor(query.cursor)}`;
    const runs: RunSummary[] = [];
    let lastOrder = 0;
    const total = await this.redis.zcard(index);
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
      if (chunk.length === 0) return { runs, total };
      const ids = chunk.filter((_, i) => i % 2 === 0);
      const pipeline = this.redis.pipeline();
      for (const id of ids) pipeline.hmget(this.keys.run(id), 'meta', 'q');
      const metas = (await pipeline.exec()) ?? [];
      for (let i = 0; i < ids.length; i++) {
        const [meta, q] = (metas[i]?.[1] as Array<string | null> | undefined) ?? [];
        if (meta === null || meta === undefined) continue; // expired: the create script prunes its entry
        if (runs.length === limit) return { runs, total, nextCursor: encodeCursor(lastOrder) };
        runs.push(toSummary(JSON.parse(meta) as RunState, q ? listingSummary(q) : undefined));
        lastOrder = Number(chunk[i * 2 + 1]);
      }
      before = `(${chunk.at(-1)}`;
    }
  }

  /** A filtered page and its total: scans every listing line in Redis, {@link SCAN_CHUNK} per call. */
  private async scan(query: RunQuery): Promise<RunPage> {
    const limit = query.limit ?? 50;
    const before = query.cursor === undefined ? Number.MAX_SAFE_INTEGER : decodeCursor(query.cursor);
    const commands = this.redis as unknown as Commands;
    const found: Array<{ order: number; summary: RunSummary }> = [];
    let total = 0;
    let from = '+inf';
    do {
      const [count, next, ...page] = await commands.batonListRuns(
        this.keys.listing,
        this.keys.runPrefix,
        from,
        SCAN_CHUNK,
        before,
        limit + 1 - found.length,
        query.status ?? '',
        query.search?.toLowerCase() ?? '',
        query.from ?? '',
        query.to ?? '',
        query.workflow ?? '',
      );
      total += Number(count);
      for (let i = 0; i < page.length; i += 3) {
        found.push({
          order: Number(page[i]),
          summary: toSummary(JSON.parse(page[i + 1]) as RunState, listingSummary(page[i + 2])),
        });
      }
      from = next;
    } while (from !== '');
    const runs = found.slice(0, limit).map((entry) => entry.summary);
    return found.length > limit ? { runs, total, nextCursor: encodeCursor(found[limit - 1].order) } : { runs, total };
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
