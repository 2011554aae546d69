import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { compileWorkflow, Step, Workflow } from '@baton/sdk';
import { startRun } from '../src/coordinator/coordinator.js';
import { InMemoryRunStore } from '../src/store/memory-run.store.js';
import { RedisRunStore } from '../src/store/redis-run.store.js';
import { describeRunStore } from './run-store.conformance.js';

/** Deletes every key under a test's prefix (only keys this test wrote: the prefix is random). */
async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
}

describeRunStore('memory', async () => ({ store: new InMemoryRunStore(), close: async () => undefined }));

describeRunStore('redis', async () => {
  const redis = new Redis(inject('redisUrl'));
  const prefix = `test-${randomUUID()}`;
  return {
    store: new RedisRunStore(redis, { prefix }),
    close: async () => {
      await dropPrefix(redis, prefix);
      redis.disconnect();
    },
  };
});

@Workflow({ name: 'ttl' })
class Ttl {
  @Step() a() {}
}

describe('RedisRunStore retention', () => {
  it('expires a finished run with its trace, and drops it from listings', async () => {
    const redis = new Redis(inject('redisUrl'));
    const prefix = `test-${randomUUID()}`;
    try {
      const store = new RedisRunStore(redis, { prefix, finishedRunTtlMs: 50 });
      const state = startRun(compileWorkflow(Ttl), { runId: 'gone', input: {}, at: 0 }).state;
      await store.create(state);
      await store.appendEvents('gone', [{ seq: 1, runId: 'gone', ts: 0, type: 'run.started' }]);
      await store.finished({ ...state, status: 'succeeded' });
      await expect.poll(() => redis.exists(store.runKey('gone'), store.eventsKey('gone')), { timeout: 2_000 }).toBe(0);
      expect((await store.list({})).runs).toEqual([]);
      expect(await redis.zcard(`${prefix}:runs`)).toBe(0);
    } finally {
      await dropPrefix(redis, prefix);
      redis.disconnect();
    }
  });
});
