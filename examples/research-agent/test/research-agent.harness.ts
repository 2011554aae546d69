import { recordTrace } from '@baton/runtime/testing';
import { afterEach } from 'vitest';
import { Test, type TestingModule } from '@nestjs/testing';
import { BatonClient, type RunSnapshot, type TraceEvent } from '@baton/runtime';
import { ResearchAppModule } from '../src/research-agent.module.js';

/** The booted example app, with every trace event recorded from before the first run started. */
export interface BootedApp {
  readonly module: TestingModule;
  readonly client: BatonClient;
  /** The trace of one run, in publication order. */
  traceOf(runId: string): TraceEvent[];
  /** The trace of one run as the run store kept it. */
  storedTraceOf(runId: string): Promise<TraceEvent[]>;
  close(): Promise<void>;
}

/** Boots the real `ResearchAppModule` through Nest DI (memory transport) and starts recording the trace. */
export async function bootApp(): Promise<BootedApp> {
  const module = await Test.createTestingModule({ imports: [ResearchAppModule] }).compile();
  await module.init();
  const client = module.get(BatonClient);
  const trace = recordTrace(client);
  return {
    module,
    client,
    traceOf: trace.of,
    storedTraceOf: (runId) => client.trace(runId),
    async close() {
      trace.stop();
      await module.close();
    },
  };
}

/**
 * Boots a fresh app on demand in each test and closes it after the test: `const boot = bootPerTest();`
 * in a `describe`, then `const app = await boot();` in a test.
 */
export function bootPerTest(): () => Promise<BootedApp> {
  let app: BootedApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  return async () => (app = await bootApp());
}

/** One event of a step's timeline: its type, then its loop pass and forEach index when it has them. */
export type TimelineEntry = [type: string, ...tags: string[]];

/**
 * A step's events in order, each as `[type]` plus `#pass` (loop steps) and `[index]` (forEach items);
 * `step.log` events are left out.
 */
export function timelineOf(trace: readonly TraceEvent[], step: string): TimelineEntry[] {
  return trace
    .filter((event) => event.step === step && event.type !== 'step.log')
    .map((event) => [
      event.type,
      ...(event.iteration !== undefined ? [`#${event.iteration}`] : []),
      ...(event.index !== undefined ? [`[${event.index}]`] : []),
    ]);
}

/** Each step's status by name. */
export function statuses(run: RunSnapshot): Record<string, string> {
  return Object.fromEntries(Object.values(run.steps).map((step) => [step.name, step.status]));
}

/**
 * A run without what legitimately differs between two runs of one input: its id, its times, and the
 * stacks of step errors (which depend on what else the event loop was doing).
 */
export function projectRun(run: RunSnapshot): unknown {
  const { runId: _runId, startedAt: _startedAt, endedAt: _endedAt, ...rest } = run;
  const steps = Object.values(run.steps).map(({ startedAt: _s, endedAt: _e, error, ...step }) => {
    if (!error) return step;
    const { stack: _stack, ...withoutStack } = error;
    return { ...step, error: withoutStack };
  });
  return { ...rest, steps };
}
