import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { compileWorkflow, Step, Workflow, type WorkflowGraph } from '@baton/sdk';
import { startRun, transition } from '../src/coordinator/coordinator.js';
import type { RunState } from '../src/coordinator/run-state.js';
import type { TraceEvent } from '../src/events/trace-event.js';
import { InMemoryRunStore } from '../src/store/memory-run.store.js';
import { RedisKeys } from '../src/transports/bull/redis-keys.js';
import { RedisRunStore } from '../src/transports/bull/redis-run.store.js';
import { RunWriter } from '../src/transports/bull/run-writer.js';
import { describeRunStore } from './run-store.conformance.js';

/** Deletes every key under a test's prefix (only keys this test wrote: the prefix is random). */
async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
}

describeRunStore('memory', async () => {
  const store = new InMemoryRunStore();
  return {
    store,
    seed: {
      create: async (state, key) =>
        void store.createSync(state, key === undefined ? undefined : { key, fingerprint: 'f' }),
      append: (runId, events) => store.appendEvents(runId, events),
      finish: (state) => store.finished(state),
    },
    close: async () => undefined,
  };
});

/** The graph a test state belongs to (the writer records its step kinds). */
const graphOf = (state: RunState): WorkflowGraph => ({
  name: state.workflow,
  version: state.version,
  steps: Object.keys(state.steps).map((name) => ({
    name,
    kind: 'step',
    dependsOn: [],
    retry: { attempts: 1, backoff: 'fixed', delay: 0, jitter: 0 },
    fallback: false,
  })),
});

describeRunStore('redis', async () => {
  const redis = new Redis(inject('redisUrl'));
  const keys = new RedisKeys(`test-${randomUUID()}`);
  const writer = new RunWriter(redis, keys, { retentionMs: 60_000, maxPayloadBytes: 65_536 });
  return {
    store: new RedisRunStore(redis, keys),
    seed: {
      create: async (state, key) =>
        void (await writer.create(
          { state, events: [], actions: [] },
          graphOf(state),
          key === undefined ? undefined : { key, fingerprint: 'f' },
        )),
      append: async (runId, events: TraceEvent[]) =>
        void (await writer.apply(runId, (state) => {
          state.seq = events.at(-1)!.seq;
          return { transition: { state, events, actions: [] } };
        })),
      finish: async (final) =>
        void (await writer.apply(final.runId, (state) => {
          Object.assign(state, { status: final.status, endedAt: final.endedAt, seq: state.seq + 1 });
          return {
            transition: {
              state,
              events: [{ seq: state.seq, runId: state.runId, ts: 0, type: 'run.succeeded', data: { output: null } }],
              actions: [],
            },
          };
        })),
    },
    close: async () => {
      await dropPrefix(redis, keys.prefix);
      redis.disconnect();
    },
  };
});

@Workflow({ name: 'ttl' })
class Ttl {
  @Step() a() {}
}

describe('Redis run retention and commits', () => {
  const withRedis = async (test: (redis: Redis, keys: RedisKeys) => Promise<void>) => {
    const redis = new Redis(inject('redisUrl'));
    const keys = new RedisKeys(`test-${randomUUID()}`);
    try {
      await test(redis, keys);
    } finally {
      await dropPrefix(redis, keys.prefix);
      redis.disconnect();
    }
  };

  it('expires every key of a finished run (state, trace, idempotency key) and prunes its list entries', () =>
    withRedis(async (redis, keys) => {
      const graph = compileWorkflow(Ttl);
      const writer = new RunWriter(redis, keys, { retentionMs: 50, maxPayloadBytes: 65_536 });
      const store = new RedisRunStore(redis, keys);
      const first = startRun(graph, { runId: 'gone', input: {}, at: 0 });
      await writer.create(first, graph, { key: 'k', fingerprint: 'f' });
      await writer.apply('gone', (state) => ({
        transition: transition(graph, state, { type: 'step.succeeded', at: 1, step: 'a', attempt: 1, output: 1 }),
      }));
      expect(await redis.pttl(keys.run('gone'))).toBeGreaterThan(0);
      expect(await redis.pttl(keys.idempotency('ttl', 'k'))).toBeGreaterThan(0);
      await expect
        .poll(() => redis.exists(keys.run('gone'), keys.events('gone'), keys.idempotency('ttl', 'k')), {
          timeout: 2_000,
        })
        .toBe(0);
      expect((await store.list({})).runs).toEqual([]);
      // The next run created prunes the expired run's list entries.
      await writer.create(startRun(graph, { runId: 'next', input: {}, at: 0 }), graph);
      expect(await redis.zrange(keys.runs, 0, -1)).toEqual(['next']);
      expect(await redis.zrange(keys.runsOf('ttl'), 0, -1)).toEqual(['next']);
      expect(await redis.zcard(keys.expiry)).toBe(0);
      expect((await redis.zrange(keys.listing, 0, -1)).map((line) => line.split('\n')[3])).toEqual(['next']);
    }));

  it('archives a finished run into one compressed field: reads are unchanged, the trace list is gone', () =>
    withRedis(async (redis, keys) => {
      const graph = compileWorkflow(Ttl);
      const writer = new RunWriter(redis, keys, { retentionMs: 60_000, maxPayloadBytes: 65_536 });
      const store = new RedisRunStore(redis, keys);
      await writer.create(startRun(graph, { runId: 'done', input: { big: 'x'.repeat(500) }, at: 0 }), graph);
      await writer.apply('done', (state) => ({
        transition: transition(graph, state, {
          type: 'step.succeeded',
          at: 1,
          step: 'a',
          attempt: 1,
          output: { n: 1 },
        }),
      }));
      await expect.poll(() => redis.hexists(keys.run('done'), 'archive'), { timeout: 2_000 }).toBe(1);
      expect(await redis.exists(keys.events('done'))).toBe(0);
      expect((await redis.hkeys(keys.run('done'))).sort()).toEqual(['archive', 'meta', 'q', 'seq', 'st']);
      expect(await redis.pttl(keys.run('done'))).toBeGreaterThan(0);
      const run = await store.get('done');
      expect(run).toMatchObject({
        status: 'succeeded',
        input: { big: 'x'.repeat(500) },
        steps: { a: { status: 'succeeded', output: { n: 1 } } },
      });
      expect((await store.events('done')).map((e) => `${e.seq}:${e.type}`)).toEqual([
        '1:run.started',
        '2:step.scheduled',
        '3:step.succeeded',
        '4:run.succeeded',
      ]);
      expect((await store.events('done', 2)).map((e) => e.seq)).toEqual([3, 4]);
      expect((await store.list({})).runs.map((r) => r.runId)).toEqual(['done']);
      // An archive is made once, and only of the run's last state.
      expect(await writer.archive('done', run!.seq)).toBe(false);
    }));

  it('refuses a commit computed from a stale seq and computes it again: two writers never duplicate a seq', () =>
    withRedis(async (redis, keys) => {
      const graph = compileWorkflow(Ttl);
      const a = new RunWriter(redis, keys, { retentionMs: 60_000, maxPayloadBytes: 65_536 });
      const b = new RunWriter(redis, keys, { retentionMs: 60_000, maxPayloadBytes: 65_536 });
      await a.create(startRun(graph, { runId: 'r', input: {}, at: 0 }), graph);
      const log = (writer: RunWriter, i: number) =>
        writer.apply('r', (state) => ({
          transition: transition(graph, state, { type: 'step.log', at: i, step: 'a', message: `m${i}` }),
        }));
      await b.read('r');
      await Promise.all(Array.from({ length: 40 }, (_, i) => log(i % 2 === 0 ? a : b, i)));
      const seqs = (await new RedisRunStore(redis, keys).events('r')).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      expect(seqs.length).toBe(2 + 40); // run.started, step.scheduled, then one step.log per commit
    }));

  it('a concurrent start with one idempotency key creates one run', () =>
    withRedis(async (redis, keys) => {
      const graph = compileWorkflow(Ttl);
      const writers = Array.from(
        { length: 5 },
        () => new RunWriter(redis, keys, { retentionMs: 60_000, maxPayloadBytes: 65_536 }),
      );
      const outcomes = await Promise.all(
        writers.map((w, i) =>
          w.create(startRun(graph, { runId: `r${i}`, input: {}, at: 0 }), graph, { key: 'once', fingerprint: 'f' }),
        ),
      );
      expect(outcomes.filter((o) => o.created)).toHaveLength(1);
      expect(await redis.zcard(keys.runs)).toBe(1);
    }));
});
