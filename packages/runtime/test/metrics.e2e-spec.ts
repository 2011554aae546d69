import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { metrics } from '@opentelemetry/api';
import { type DataPoint, type Histogram, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { startBullApp } from './support/bull-app.js';
import { startMemoryApp } from './support/memory-app.js';
import { QUEUE_WAIT_BACKOFF_MS, QueueWaitWorkflow } from './support/queue-wait.workflows.js';
import { TRACED_WORKFLOWS } from './support/traced.workflows.js';

const WORKFLOWS = [...TRACED_WORKFLOWS, QueueWaitWorkflow];

type App = Awaited<ReturnType<typeof startMemoryApp>>;

/** A reader the test collects from when it wants (the SDK's in-memory way to read metrics). */
class TestReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** The data points of one metric, as `attributes → value` (a histogram's value is its count). */
async function points(reader: TestReader, name: string): Promise<Record<string, number>> {
  const { resourceMetrics } = await reader.collect();
  const metric = resourceMetrics.scopeMetrics
    .filter((scope) => scope.scope.name === '@baton/runtime')
    .flatMap((scope) => scope.metrics)
    .find((candidate) => candidate.descriptor.name === name);
  const out: Record<string, number> = {};
  for (const point of (metric?.dataPoints ?? []) as Array<DataPoint<number | Histogram>>) {
    const key = Object.entries(point.attributes)
      .map(([attribute, value]) => `${attribute}=${String(value)}`)
      .join(',');
    out[key] = typeof point.value === 'number' ? point.value : point.value.count;
  }
  return out;
}

/** The histogram points of one metric, by attributes (`attribute=value,…`). */
async function histograms(reader: TestReader, name: string): Promise<Record<string, Histogram>> {
  const { resourceMetrics } = await reader.collect();
  const metric = resourceMetrics.scopeMetrics
    .filter((scope) => scope.scope.name === '@baton/runtime')
    .flatMap((scope) => scope.metrics)
    .find((candidate) => candidate.descriptor.name === name);
  const out: Record<string, Histogram> = {};
  for (const point of (metric?.dataPoints ?? []) as Array<DataPoint<Histogram>>) {
    const key = Object.entries(point.attributes)
      .map(([attribute, value]) => `${attribute}=${String(value)}`)
      .join(',');
    out[key] = point.value;
  }
  return out;
}

/** How many attempts of each step a run's trace shows started. */
function startedPerStep(trace: ReadonlyArray<{ type: string; step?: string }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const event of trace) if (event.type === 'step.started') out[event.step!] = (out[event.step!] ?? 0) + 1;
  return out;
}

describe.each([
  ['memory', () => startMemoryApp(WORKFLOWS)],
  ['bull', () => startBullApp(inject('redisUrl'), WORKFLOWS)],
] as Array<[string, () => Promise<App>]>)('OpenTelemetry metrics on %s', (transport, start) => {
  let app: App | undefined;
  let reader: TestReader;
  beforeAll(() => {
    reader = new TestReader();
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  });
  afterAll(() => metrics.disable());
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('counts runs started and ended by status, and measures step attempts by status', async () => {
    app = await start();
    const handle = await app.client.start('traced-ticket', { kind: 'billing' });
    await expect(handle.result()).resolves.toBe('reply');
    const wf = 'baton.workflow=traced-ticket';
    const deadline = Date.now() + 5_000;
    while (!(await points(reader, 'baton.runs.ended'))[`${wf},baton.status=succeeded`] && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));

    expect(await points(reader, 'baton.runs.started')).toEqual({ [wf]: 1, 'baton.workflow=traced-child': 1 });
    expect(await points(reader, 'baton.runs.ended')).toEqual({
      [`${wf},baton.status=succeeded`]: 1,
      'baton.workflow=traced-child,baton.status=succeeded': 1,
    });
    const durations = await points(reader, 'baton.step.duration');
    expect(durations[`${wf},baton.step=accountLookup,baton.status=retrying`]).toBe(1);
    expect(durations[`${wf},baton.step=accountLookup,baton.status=recovered`]).toBe(1);
    expect(durations[`${wf},baton.step=draft,baton.status=succeeded`]).toBe(1);
  });

  it('records one queue-wait sample per step attempt, not counting retry backoffs or delays', async () => {
    app = await start();
    const handle = await app.client.start('queue-wait', {});
    await expect(handle.result()).resolves.toBe('done');
    const started = startedPerStep(await app.client.trace(handle.runId));
    expect(started).toEqual({ first: 1, left: 1, right: 1, flakyA: 2, flakyB: 2, each: 3, later: 1 });

    const waits = await histograms(reader, 'baton.step.queue_wait');
    const ours = Object.keys(waits).filter((key) => key.startsWith('baton.workflow=queue-wait,'));
    expect(ours.sort()).toEqual(
      Object.keys(started)
        .map((step) => `baton.workflow=queue-wait,baton.step=${step},baton.transport=${transport}`)
        .sort(),
    );
    for (const [step, count] of Object.entries(started)) {
      const wait = waits[`baton.workflow=queue-wait,baton.step=${step},baton.transport=${transport}`];
      expect({ step, count: wait.count }).toEqual({ step, count });
      expect(wait.min, step).toBeGreaterThanOrEqual(0);
      // Neither a retry's backoff (flakyA, flakyB) nor the delay (later) is time spent waiting for a worker:
      // counted, either would make the wait at least QUEUE_WAIT_BACKOFF_MS (the rest is slack for a busy machine).
      expect(wait.max, step).toBeLessThan(QUEUE_WAIT_BACKOFF_MS);
    }
  });
});
