import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { BatonClient } from '@baton/runtime';
import { SAMPLE_TICKETS } from '@baton/example-support-ticket';
import { DistributedModule } from '../src/distributed.module.js';
import { startTelemetry, type Telemetry } from '../src/telemetry.js';
import { startWorker, type WorkerProcess } from '../src/worker-pool.js';
import { until } from './cluster.js';

/** One sample of a Prometheus text exposition: `name{label="value",…} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the samples of a Prometheus text exposition (comments and blank lines skipped). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The sum of the samples named `name` whose labels include `labels`. */
function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.value, 0);
}

async function scrape(base: string): Promise<Sample[]> {
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parseExposition(await response.text());
}

describe('the distributed example: /metrics in every process, /health in the API process', () => {
  const redisUrl = inject('redisUrl');
  const prefix = `test-${randomUUID()}`;
  const env = { BATON_REDIS_URL: redisUrl, BATON_PREFIX: prefix, BATON_LOCK_MS: '5000' };
  let telemetry: Telemetry;
  let workers: WorkerProcess[] = [];
  let api: INestApplication;
  let base: string;

  beforeAll(async () => {
    // This test process is the API process (worker: false); the workers register their own meter providers.
    telemetry = startTelemetry();
    workers = await Promise.all([startWorker(env), startWorker(env)]);
    api = await NestFactory.create(
      DistributedModule.forRoot({
        redisUrl,
        prefix,
        worker: false,
        lockDurationMs: 5_000,
        health: true,
        metrics: telemetry.exporter,
      }),
      { logger: false },
    );
    await api.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${((api.getHttpServer() as Server).address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await api?.close();
    await Promise.all(workers.map((w) => w.stop()));
    await telemetry?.shutdown();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('counts runs where they start and end, and measures steps and their queue wait in the workers', async () => {
    const client = api.get(BatonClient);
    const tickets = [
      SAMPLE_TICKETS.billing,
      SAMPLE_TICKETS.bug,
      SAMPLE_TICKETS.hangingLookup,
      SAMPLE_TICKETS.unreadable,
    ];
    const handles = await Promise.all(tickets.map((ticket) => client.start('support-ticket', ticket)));
    const outcomes = await Promise.allSettled(handles.map((handle) => handle.result()));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    const startedPerStep: Record<string, number> = {};
    for (const handle of handles)
      for (const event of await client.trace(handle.runId))
        if (event.type === 'step.started') startedPerStep[event.step!] = (startedPerStep[event.step!] ?? 0) + 1;

    // A worker records a run's end as it commits it, just after the API process hears of it: poll briefly.
    const wf = { baton_workflow: 'support-ticket' };
    let own: Sample[] = [];
    let inWorkers: Sample[] = [];
    await until(
      async () => {
        own = await scrape(base);
        inWorkers = (await Promise.all(workers.map((w) => scrape(w.url)))).flat();
        return total([...own, ...inWorkers], 'baton_runs_ended_total', wf) === tickets.length;
      },
      10_000,
      'every run end to be counted',
    );
    const all = [...own, ...inWorkers];

    // The API process started the runs (its commit holds `run.started`); it runs no step.
    expect(total(own, 'baton_runs_started_total', wf)).toBe(tickets.length);
    expect(total(inWorkers, 'baton_runs_started_total', wf)).toBe(0);
    expect(total(own, 'baton_step_duration_count')).toBe(0);
    expect(total(own, 'baton_step_queue_wait_count')).toBe(0);

    // Ends by status, wherever they were committed.
    expect(total(all, 'baton_runs_ended_total', { ...wf, baton_status: 'succeeded' })).toBe(3);
    expect(total(all, 'baton_runs_ended_total', { ...wf, baton_status: 'failed' })).toBe(1);

    // Step attempts by status, and one queue-wait sample per attempt, in the workers that ran them.
    expect(total(inWorkers, 'baton_step_duration_count', { ...wf, baton_step: 'draft' })).toBe(3);
    expect(
      total(inWorkers, 'baton_step_duration_count', { ...wf, baton_step: 'accountLookup', baton_status: 'retrying' }),
    ).toBe(1);
    for (const [step, count] of Object.entries(startedPerStep)) {
      const labels = { ...wf, baton_step: step, baton_transport: 'bull' };
      expect({ step, count: total(inWorkers, 'baton_step_queue_wait_count', labels) }).toEqual({ step, count });
      expect(total(inWorkers, 'baton_step_queue_wait_sum', labels)).toBeGreaterThanOrEqual(0);
    }
    expect(inWorkers.some((s) => s.name === 'baton_step_queue_wait_bucket' && s.labels.le === '+Inf')).toBe(true);
  });

  it('reports the API process healthy, and each worker', async () => {
    for (const url of [base, ...workers.map((w) => w.url)]) {
      const response = await fetch(`${url}/health`);
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
      expect(await response.json()).toMatchObject({ status: 'ok', details: { baton: { status: 'up' } } });
    }
  });
});
