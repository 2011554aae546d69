import { expect } from 'vitest';
import type { Provider, Type } from '@nestjs/common';
import type { BatonClient, RunSnapshot, TraceEvent } from '../../src/index.js';
import { probe } from '../support/conformance.workflows.js';
import { type recordEvents, timeline } from '../trace.js';

/** What the suite needs of an app: its client, and a way to stop it (and drop whatever it stored). */
export interface ConformanceApp {
  client: BatonClient;
  close(): Promise<void>;
}

/** Boots an app of one transport with the given providers (the suite's workflow classes). */
export type MakeConformanceApp = (providers: Array<Type | Provider>) => Promise<ConformanceApp>;

/** How long a poll for asynchronous work may take before the test fails. */
export const POLL = { timeout: 5_000, interval: 5 };

/** The app the suite runs on (set once it has booted) and the helpers every section shares. */
export class ConformanceContext {
  app!: ConformanceApp;
  live!: ReturnType<typeof recordEvents>;

  /** The app's client. */
  get client(): BatonClient {
    return this.app.client;
  }

  /** The stored trace of a run, checked to be numbered 1, 2, 3… without gaps or duplicates. */
  readonly traceOf = async (runId: string): Promise<TraceEvent[]> => {
    const trace = await this.client.trace(runId);
    expect(trace.map((e) => e.seq)).toEqual(trace.map((_e, i) => i + 1));
    expect(trace.every((e) => e.runId === runId)).toBe(true);
    return trace;
  };

  /** Step timelines without `step.log` (whose events carry no attempt). */
  readonly attemptsOf = (trace: TraceEvent[], step: string): string[] =>
    timeline(
      trace.filter((e) => e.type !== 'step.log'),
      step,
    );

  /** Every step's status, by name. */
  readonly statuses = (run: RunSnapshot): Record<string, string> =>
    Object.fromEntries(Object.values(run.steps).map((s) => [s.name, s.status]));

  /** The skip reason of every skipped step, by name. */
  readonly skipReasons = (run: RunSnapshot): Record<string, string | undefined> =>
    Object.fromEntries(
      Object.values(run.steps)
        .filter((s) => s.status === 'skipped')
        .map((s) => [s.name, s.skipReason]),
    );

  /** The aborts the suite's steps saw in a run. */
  readonly abortsOf = (runId: string): typeof probe.aborts => probe.aborts.filter((a) => a.runId === runId);

  /** The child run a parent's trace names (its `step.log` about the child), if any. */
  readonly childOf = (trace: TraceEvent[]): string | undefined =>
    trace
      .map((e) =>
        e.type === 'step.log' ? (e.data.data as { childRunId?: string } | undefined)?.childRunId : undefined,
      )
      .find((id) => id !== undefined);
}
