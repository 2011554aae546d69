import { describe, expect, it } from 'vitest';
import type { RunSnapshot, TraceEvent } from '@baton/runtime';
import { buildRunModel } from './run-model.js';
import { AGENT_GRAPH, agentTrace, trace } from './trace.fixtures.js';

const events = agentTrace();
/** The trace up to (and with) the first event matching `match`. */
const until = (match: (e: TraceEvent) => boolean, nth = 1): TraceEvent[] => {
  let seen = 0;
  return events.slice(0, events.findIndex((e) => match(e) && ++seen === nth) + 1);
};
const model = (list: readonly TraceEvent[], snapshot?: RunSnapshot) =>
  buildRunModel({ events: list, graph: AGENT_GRAPH, ...(snapshot && { snapshot }) })!;

describe('buildRunModel: loops, joins and budgets', () => {
  it('shows the race loser as superseded (not failed), with its started attempt aborted as superseded', () => {
    const m = model(until((e) => e.type === 'step.succeeded' && e.step === 'pick'));
    expect(m.steps.slowModel).toMatchObject({ state: 'superseded', skipReason: 'superseded' });
    expect(m.steps.slowModel.error).toBeUndefined();
    expect(m.steps.slowModel.attemptList).toEqual([
      expect.objectContaining({ outcome: 'superseded', aborted: true, endedAt: expect.any(Number) }),
    ]);
    expect(m.steps.pick.state).toBe('succeeded');
  });

  it('returns the loop body to pending in its new pass, and keys attempts by pass', () => {
    let m = model(until((e) => e.type === 'loop.iteration'));
    expect(m.steps.write).toMatchObject({ state: 'pending', pass: { iteration: 2, maxIterations: 3 }, attempts: 0 });
    expect(m.steps.write.hasOutput).toBe(false);
    expect(m.steps.critique).toMatchObject({ state: 'pending', pass: { iteration: 2, maxIterations: 3 } });
    expect(m.steps.plan.pass).toBeUndefined();
    expect(m.loopMarks).toEqual([
      expect.objectContaining({ router: 'critique', target: 'write', iteration: 2, maxIterations: 3 }),
    ]);

    m = model(until((e) => e.type === 'step.retrying' && e.step === 'write'));
    expect(m.steps.write).toMatchObject({ state: 'retrying', attempts: 1, pass: { iteration: 2 } });
    expect(m.steps.write.attemptList.map((a) => `${a.iteration}:${a.attempt}:${a.outcome}`)).toEqual([
      '1:1:succeeded',
      '2:1:retrying',
    ]);
  });

  it('prefers the trace over a snapshot of an earlier pass while the run goes on', () => {
    const stale: RunSnapshot = {
      runId: 'r1',
      workflow: 'agent',
      version: 'v1',
      status: 'running',
      input: {},
      startedAt: 1000,
      steps: {
        write: { name: 'write', status: 'succeeded', attempts: 1, iteration: 1, output: 'draft 1', endedAt: 1200 },
      },
    };
    const m = model(
      until((e) => e.type === 'step.started' && e.step === 'write' && e.iteration === 2),
      stale,
    );
    expect(m.steps.write).toMatchObject({ state: 'running', pass: { iteration: 2 }, hasOutput: false });
    expect(m.steps.write.endedAt).toBeUndefined();
  });

  it('sums usage per step and per run, and ends with the budget skips and the error details', () => {
    const m = model(events);
    expect(m.status).toBe('failed');
    expect(m.error).toMatchObject({ code: 'BUDGET_EXCEEDED', details: { budget: 'tokens', cap: 2000, spent: 2250 } });
    expect(m.usage).toEqual({ steps: 9, tokens: 2250, costUsd: 0.02 });
    expect(m.budget).toEqual({ tokens: 2000, steps: 20 });
    expect(m.steps.write.usage).toEqual({ tokens: 1950, costUsd: 0.019 });
    expect(m.steps.write).toMatchObject({ state: 'succeeded', pass: { iteration: 3 } });
    expect(m.steps.critique).toMatchObject({ state: 'skipped', skipReason: 'budget', pass: { iteration: 3 } });
    expect(m.steps.publish).toMatchObject({ state: 'skipped', skipReason: 'budget' });
    const write2 = m.steps.write.attemptList.filter((a) => a.iteration === 2);
    expect(write2.map((a) => a.usage)).toEqual([{ tokens: 50 }, { tokens: 600, costUsd: 0.006 }]);
  });

  it('takes the larger usage of snapshot and trace while running, and the snapshot once the run ended', () => {
    const partial = until((e) => e.type === 'step.succeeded' && e.step === 'pick');
    const snapshot = (status: RunSnapshot['status'], usage: Record<string, number>): RunSnapshot => ({
      runId: 'r1',
      workflow: 'agent',
      version: 'v1',
      status,
      input: {},
      startedAt: 1000,
      usage,
      steps: {},
    });
    expect(model(partial, snapshot('running', { steps: 2, tokens: 500 })).usage).toEqual({
      steps: 4,
      tokens: 500,
      costUsd: 0.001,
    });
    expect(model(partial, snapshot('failed', { steps: 3, tokens: 90 })).usage).toEqual({ steps: 3, tokens: 90 });
  });

  it('keeps a forEach step running when a failed item is tolerated, and fails it once every item ended', () => {
    const t = trace();
    t.add({ type: 'run.started', data: { workflow: 'wf', version: 'v1', input: {} }, ts: 1000 });
    t.add({ type: 'step.scheduled', step: 'items' });
    for (const index of [0, 1]) t.add({ type: 'step.scheduled', step: 'items', index });
    for (const index of [0, 1]) t.add({ type: 'step.started', step: 'items', index, attempt: 1 });
    const error = { name: 'Error', message: 'source down' };
    t.add({ type: 'step.failed', step: 'items', index: 0, attempt: 1, data: { error, tolerated: true } });
    let m = buildRunModel({ events: t.events })!;
    expect(m.steps.items.state).toBe('running');
    expect(m.steps.items.attemptList.map((a) => `${a.index}:${a.outcome}:${a.tolerated ?? false}`)).toEqual([
      '0:failed:true',
      '1:running:false',
    ]);
    t.add({ type: 'step.succeeded', step: 'items', index: 1, attempt: 1, data: { output: 1 } });
    t.add({ type: 'step.failed', step: 'items', attempt: 2, data: { error, failedItems: 1 } });
    m = buildRunModel({ events: t.events })!;
    expect(m.steps.items.state).toBe('failed');
    expect(m.steps.items.attemptList.map((a) => a.outcome)).toEqual(['failed', 'succeeded']);
  });
});
