import { afterEach, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import type { TraceEvent } from '@baton/runtime';
import { startRedisServer, type TestRedisServer } from '@baton/runtime/testing';
import { SAMPLE_TICKETS } from '@baton/example-support-ticket';
import { Cluster, pidOf, until } from './cluster.js';

/** Each run's trace has seq 1..n with no gap or duplicate, and its join `draft` was scheduled exactly once. */
function expectSoundTrace(trace: TraceEvent[]): void {
  expect(trace.map((e) => e.seq)).toEqual(trace.map((_, i) => i + 1));
  expect(trace.filter((e) => e.type === 'step.scheduled' && e.step === 'draft')).toHaveLength(1);
  expect(trace.filter((e) => e.type === 'run.succeeded')).toHaveLength(1);
}

describe('durability on Bull with real worker processes', () => {
  let cluster: Cluster | undefined;
  let server: TestRedisServer | undefined;
  afterEach(async () => {
    await cluster?.close();
    await server?.stop();
    cluster = undefined;
    server = undefined;
  });

  /** Starts two workers (the first with `drainMs`) and `count` slow runs, and waits until every crunch step runs. */
  async function busyCluster(drainMs: string, count: number, ms: number) {
    cluster = new Cluster(inject('redisUrl'));
    const [first, second] = await Promise.all([cluster.worker({ BATON_DRAIN_MS: drainMs }), cluster.worker()]);
    const client = await cluster.open();
    const handles = await Promise.all(Array.from({ length: count }, () => client.start('slow', { ms })));
    const crunchOn = new Map<string, number>();
    await until(
      async () => {
        for (const h of handles) {
          const started = (await client.trace(h.runId)).find((e) => e.type === 'step.started' && e.step === 'crunch');
          if (started) crunchOn.set(h.runId, pidOf(started));
        }
        return crunchOn.size === count;
      },
      20_000,
      'every crunch step to start',
    );
    const onFirst = handles.filter((h) => crunchOn.get(h.runId) === first.pid);
    expect(onFirst.length).toBeGreaterThan(0);
    return { client, first: first, second: second, handles, onFirst };
  }

  it('SIGTERM drains: steps still running after the grace period are handed back and taken by another worker at once, not after a lock expiry', async () => {
    const { client, first, second, handles, onFirst } = await busyCluster('300', 8, 4_000);
    const stoppedAt = Date.now();
    await first.stop();
    const outputs = (await Promise.all(handles.map((h) => h.result()))) as Array<{ crunchedBy: number }>;
    // Every crunch finished on the second worker: handed back, not finished while draining.
    expect(outputs.every((o) => o.crunchedBy === second.pid)).toBe(true);
    for (const handle of onFirst) {
      const restarts = (await client.trace(handle.runId)).filter(
        (e) => e.type === 'step.started' && e.step === 'crunch' && pidOf(e) === second.pid,
      );
      expect(restarts).toHaveLength(1);
      // Within the grace period and a second or two, where a lock expiry would take 30 s.
      expect(restarts[0].ts - stoppedAt).toBeLessThan(300 + 2_500);
    }
  });

  it('SIGTERM lets running steps finish within the grace period; the run goes on elsewhere', async () => {
    const { client, first, second, handles, onFirst } = await busyCluster('20000', 6, 1_500);
    await first.stop();
    const outputs = new Map<string, number>();
    for (const h of handles) outputs.set(h.runId, ((await h.result()) as { crunchedBy: number }).crunchedBy);
    for (const handle of onFirst) {
      expect(outputs.get(handle.runId)).toBe(first.pid);
      const after = (await client.trace(handle.runId)).find((e) => e.type === 'step.started' && e.step === 'after');
      expect(pidOf(after!)).toBe(second.pid);
    }
  });

  it('reconnect storm: connections killed every 0.7 s (for up to 8 s) during 100 runs with parallel joins: no duplicated seq, no join twice, every result settles', async () => {
    server = await startRedisServer();
    cluster = new Cluster(server.url);
    // A short lock: a job whose fetch reply a kill cut off sits in Bull's active list until the stalled check.
    await Promise.all([cluster.worker({ BATON_LOCK_MS: '2000' }), cluster.worker({ BATON_LOCK_MS: '2000' })]);
    const client = await cluster.open();
    const killer = new Redis(server.url);
    let kills = 0;
    const stormStarted = Date.now();
    const storm = setInterval(() => {
      if (Date.now() - stormStarted > 8_000) return clearInterval(storm);
      kills += 1;
      void killer.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes').catch(() => undefined);
    }, 700);
    try {
      const handles = [];
      for (let i = 0; i < 100; i++) {
        handles.push(await client.start('support-ticket', i % 2 === 0 ? SAMPLE_TICKETS.bug : SAMPLE_TICKETS.billing));
        await new Promise((resolve) => setTimeout(resolve, 70));
      }
      const settled = await Promise.allSettled(handles.map((h) => h.result()));
      clearInterval(storm);
      expect(kills).toBeGreaterThan(2);
      expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
      for (const handle of handles) expectSoundTrace(await client.trace(handle.runId));
      for (const worker of cluster.workers) expect(worker.stderr()).not.toContain('Unhandled error event');
    } finally {
      clearInterval(storm);
      killer.disconnect();
    }
  });

  it('Redis killed and restarted with its append-only file mid-run: every run completes', async () => {
    server = await startRedisServer({ appendOnly: true });
    cluster = new Cluster(server.url);
    await Promise.all([cluster.worker(), cluster.worker()]);
    const client = await cluster.open();
    const handles = await Promise.all(Array.from({ length: 20 }, () => client.start('slow', { ms: 1_500 })));
    await until(
      async () => (await client.trace(handles[0].runId)).some((e) => e.type === 'step.started' && e.step === 'crunch'),
      20_000,
      'crunch to start',
    );
    await server.restart();
    const outputs = await Promise.all(handles.map((h) => h.result()));
    expect(outputs).toHaveLength(20);
    for (const handle of handles) {
      const trace = await client.trace(handle.runId);
      expect(trace.map((e) => e.seq)).toEqual(trace.map((_, i) => i + 1));
    }
  });

  it('Redis restarted empty: every waiting result() rejects with RUN_NOT_FOUND within seconds, and no run is written back as running', async () => {
    server = await startRedisServer();
    cluster = new Cluster(server.url);
    await Promise.all([cluster.worker(), cluster.worker()]);
    const client = await cluster.open();
    const handles = await Promise.all(Array.from({ length: 20 }, () => client.start('slow', { ms: 1_500 })));
    const results = handles.map((h) =>
      h.result().then(
        () => 'resolved',
        (error: { code?: string }) => error.code,
      ),
    );
    await until(
      async () => (await client.trace(handles[0].runId)).some((e) => e.type === 'step.started' && e.step === 'crunch'),
      20_000,
      'crunch to start',
    );
    await server.restart();
    const restartedAt = Date.now();
    expect(await Promise.all(results)).toEqual(handles.map(() => 'RUN_NOT_FOUND'));
    expect(Date.now() - restartedAt).toBeLessThan(10_000);
    // The workers finish the crunch steps they were running; their commits find no run and write nothing.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const redis = new Redis(server.url);
    try {
      expect(await redis.keys(`${cluster.prefix}:run:*`)).toEqual([]);
      expect(await redis.smembers(`${cluster.prefix}:running`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
    await expect(client.getRun(handles[0].runId)).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
  });
});
