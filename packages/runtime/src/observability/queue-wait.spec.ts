import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metrics } from '@opentelemetry/api';
import { type DataPoint, type Histogram, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { bullReadyAt } from './bull-queue-wait.js';
import { MemoryQueueWait } from './memory-queue-wait.js';
import { QUEUE_WAIT_METRIC, StepQueueWait } from './step-queue-wait.js';

class TestReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** The queue-wait points, by step: count, min and max. */
async function waits(reader: TestReader): Promise<Record<string, Pick<Histogram, 'count' | 'min' | 'max'>>> {
  const { resourceMetrics } = await reader.collect();
  const metric = resourceMetrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .find((candidate) => candidate.descriptor.name === QUEUE_WAIT_METRIC);
  const out: Record<string, Pick<Histogram, 'count' | 'min' | 'max'>> = {};
  for (const point of (metric?.dataPoints ?? []) as Array<DataPoint<Histogram>>)
    out[`${String(point.attributes['baton.step'])}@${String(point.attributes['baton.transport'])}`] = {
      count: point.value.count,
      min: point.value.min,
      max: point.value.max,
    };
  return out;
}

describe('bullReadyAt', () => {
  it('is when the job was added plus its delay, or the due time a retry stored in its data', () => {
    expect(bullReadyAt({ timestamp: 1_000, opts: {}, data: {} })).toBe(1_000);
    expect(bullReadyAt({ timestamp: 1_000, opts: { delay: 250 }, data: {} })).toBe(1_250);
    expect(bullReadyAt({ timestamp: 1_000, opts: { delay: 250 }, data: { readyAt: 9_000 } })).toBe(9_000);
  });
});

describe('queue wait', () => {
  let reader: TestReader;
  beforeEach(() => {
    reader = new TestReader();
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  });
  afterEach(() => metrics.disable());

  it('records nothing and never throws while no meter provider is registered', async () => {
    metrics.disable();
    new StepQueueWait('bull').record('wf', 'a', 0, 10);
    expect(await waits(reader)).toEqual({});
  });

  it('clamps a negative wait (clock skew between hosts) to 0', async () => {
    new StepQueueWait('bull').record('wf', 'a', 500, 400);
    expect(await waits(reader)).toEqual({ 'a@bull': { count: 1, min: 0, max: 0 } });
  });

  it('on memory: from scheduling to start, and from the end of a retry backoff to the next start', async () => {
    const wait = new MemoryQueueWait();
    wait.scheduled('r1', { step: 'a' }, 100);
    wait.observe('wf', 'r1', { type: 'step.started', at: 130, step: 'a', attempt: 1 });
    wait.observe('wf', 'r1', {
      type: 'step.retrying',
      at: 200,
      step: 'a',
      attempt: 1,
      error: { name: 'E', message: 'x' },
      delayMs: 1_000,
    });
    wait.observe('wf', 'r1', { type: 'step.started', at: 1_205, step: 'a', attempt: 2 });
    // An item of a forEach step, and a start nobody scheduled (not counted).
    wait.scheduled('r1', { step: 'b', index: 2 }, 300);
    wait.observe('wf', 'r1', { type: 'step.started', at: 340, step: 'b', index: 2, attempt: 1 });
    wait.observe('wf', 'r1', { type: 'step.started', at: 400, step: 'c', attempt: 1 });
    expect(await waits(reader)).toEqual({
      'a@memory': { count: 2, min: 5, max: 30 },
      'b@memory': { count: 1, min: 40, max: 40 },
    });
  });

  it('on memory: forgets a run that ended with attempts never started', async () => {
    const wait = new MemoryQueueWait();
    wait.scheduled('r1', { step: 'a' }, 100);
    wait.forget('r1');
    wait.observe('wf', 'r1', { type: 'step.started', at: 130, step: 'a', attempt: 1 });
    expect(await waits(reader)).toEqual({});
  });
});
