import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { BatonClient, type TraceEvent } from '@baton/runtime';
import { SAMPLE_TICKETS, SAFE_DEFAULT_REPLY } from '@baton/example-support-ticket';
import { DistributedModule } from '../src/distributed.module.js';
import { startWorker, type WorkerProcess } from '../src/worker-pool.js';

/** The worker (`host:pid`) a step.started event names. */
const workerOf = (event: TraceEvent): string | undefined =>
  event.type === 'step.started' ? event.data?.worker : undefined;
const pidOf = (event: TraceEvent): number => Number(workerOf(event)?.split(':').at(-1));

describe('the support-ticket workflow on Bull with two real worker processes', () => {
  const redisUrl = inject('redisUrl');
  const prefix = `test-${randomUUID()}`;
  const env = { BATON_REDIS_URL: redisUrl, BATON_PREFIX: prefix, BATON_LOCK_MS: '1500' };
  let workers: WorkerProcess[] = [];
  let api: INestApplicationContext;
  let client: BatonClient;

  beforeAll(async () => {
    workers = await Promise.all([startWorker(env), startWorker(env)]);
    api = await NestFactory.createApplicationContext(
      DistributedModule.forRoot({ redisUrl, prefix, worker: false, lockDurationMs: 1_500 }),
      { logger: false },
    );
    client = api.get(BatonClient);
  });

  afterAll(async () => {
    await api?.close();
    await Promise.all(workers.map((w) => w.stop()));
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('routes, runs in parallel, times out, retries and falls back exactly as in-process; both workers take steps', async () => {
    const billing = await client.start('support-ticket', SAMPLE_TICKETS.billing);
    const hanging = await client.start('support-ticket', SAMPLE_TICKETS.hangingLookup);
    const bulk = await Promise.all(
      Array.from({ length: 20 }, () => client.start('support-ticket', SAMPLE_TICKETS.bug)),
    );
    await expect(billing.result()).resolves.toMatchObject({ agent: 'billing', articles: ['How refunds work'] });
    const reply = (await hanging.result()) as { body: string };
    expect(reply.body).toContain(SAFE_DEFAULT_REPLY);
    await Promise.all(bulk.map((h) => h.result()));

    const billingRun = await client.getRun(billing.runId);
    expect(billingRun.steps.bugAgent).toMatchObject({ status: 'skipped', skipReason: 'route' });
    const hangingRun = await client.getRun(hanging.runId);
    expect(hangingRun.steps.accountLookup).toMatchObject({
      status: 'recovered',
      attempts: 2,
      error: { name: 'StepTimeoutError' },
    });

    const pids = new Set<number>();
    for (const handle of [billing, hanging, ...bulk]) {
      for (const event of await client.trace(handle.runId)) if (event.type === 'step.started') pids.add(pidOf(event));
    }
    expect([...pids].sort()).toEqual(workers.map((w) => w.pid).sort());
  });

  it('starts the join exactly once when the two parallel steps finish together (40 races)', async () => {
    const handles = await Promise.all(
      Array.from({ length: 40 }, () => client.start('support-ticket', SAMPLE_TICKETS.bug)),
    );
    await Promise.all(handles.map((h) => h.result()));
    for (const { runId } of handles) {
      const trace = await client.trace(runId);
      expect(trace.filter((e) => e.step === 'draft' && e.type === 'step.scheduled')).toHaveLength(1);
      expect(trace.filter((e) => e.step === 'draft' && e.type === 'step.started')).toHaveLength(1);
      expect(trace.map((e) => e.seq)).toEqual(trace.map((_, i) => i + 1));
    }
  });

  it('survives a worker killed with SIGKILL mid-step: the step runs again on the other worker, at most twice', async () => {
    const handle = await client.start('slow', { ms: 2_500 });
    let started: TraceEvent | undefined;
    await expect
      .poll(
        async () =>
          (started = (await client.trace(handle.runId)).find((e) => e.step === 'crunch' && e.type === 'step.started')),
        { timeout: 10_000 },
      )
      .toBeDefined();
    const victim = workers.find((w) => w.pid === pidOf(started!))!;
    victim.child.kill('SIGKILL');
    const output = (await handle.result()) as { done: boolean; crunchedBy: number };
    expect(output.done).toBe(true);
    expect(output.crunchedBy).not.toBe(victim.pid);
    const run = await client.getRun(handle.runId);
    expect(run.status).toBe('succeeded');
    expect(run.steps.crunch.attempts).toBeLessThanOrEqual(2);
    const running = await client.listRuns({ status: 'running' });
    expect(running.runs).toEqual([]);
    workers = [...workers.filter((w) => w !== victim), await startWorker(env)];
  });
});
