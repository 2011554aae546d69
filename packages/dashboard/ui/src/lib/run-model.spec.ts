import { describe, expect, it } from 'vitest';
import type { RunSnapshot } from '@baton/runtime';
import { buildRunModel } from './run-model.js';
import { GRAPH, trace } from './trace.fixtures.js';

const timeout = { name: 'StepTimeoutError', message: 'timed out', stack: 'StepTimeoutError: timed out\n    at x' };
const snapshot = (extra: Partial<RunSnapshot> = {}): RunSnapshot => ({
  runId: 'r1',
  workflow: 'wf',
  version: 'v1',
  status: 'running',
  input: { a: 1 },
  startedAt: 1000,
  steps: {},
  ...extra,
});

function startedRun() {
  const t = trace();
  t.add({ type: 'run.started', data: { workflow: 'wf', version: 'v1', input: { a: 1 } }, ts: 1000 });
  t.add({ type: 'step.scheduled', step: 'classify' });
  t.add({ type: 'step.started', step: 'classify', attempt: 1 });
  t.add({ type: 'step.succeeded', step: 'classify', attempt: 1, data: { output: 'bug' } });
  t.add({ type: 'step.scheduled', step: 'route' });
  t.add({ type: 'step.started', step: 'route', attempt: 1 });
  t.add({ type: 'step.succeeded', step: 'route', attempt: 1, data: { output: 'bug' } });
  t.add({ type: 'step.skipped', step: 'billing', data: { reason: 'route' } });
  t.add({ type: 'step.scheduled', step: 'bug' });
  t.add({ type: 'step.started', step: 'bug', attempt: 1 });
  t.add({ type: 'step.succeeded', step: 'bug', attempt: 1, data: { output: {} } });
  t.add({ type: 'step.scheduled', step: 'lookup' });
  t.add({ type: 'step.started', step: 'lookup', attempt: 1 });
  return t;
}

describe('buildRunModel', () => {
  it('derives states from the trace: route branch skipped, running, then retrying after a timeout', () => {
    const t = startedRun();
    let model = buildRunModel({ snapshot: snapshot(), graph: GRAPH, events: t.events })!;
    expect(model.steps.billing).toMatchObject({ state: 'skipped', skipReason: 'route' });
    expect(model.steps.lookup.state).toBe('running');
    expect(model.steps.items.state).toBe('pending');
    t.add({ type: 'step.retrying', step: 'lookup', attempt: 1, data: { error: timeout, delayMs: 200 } });
    model = buildRunModel({ snapshot: snapshot(), graph: GRAPH, events: t.events })!;
    expect(model.steps.lookup.state).toBe('retrying');
    expect(model.steps.lookup.attemptList.map((a) => a.outcome)).toEqual(['timeout']);
    expect(model.steps.lookup.attemptList[0].delayMs).toBe(200);
  });

  it('ends a fallback step as recovered with one bar per attempt', () => {
    const t = startedRun();
    t.add({ type: 'step.retrying', step: 'lookup', attempt: 1, data: { error: timeout, delayMs: 200 } });
    t.add({ type: 'step.started', step: 'lookup', attempt: 2 });
    t.add({ type: 'step.recovered', step: 'lookup', attempt: 2, data: { output: { account: null }, error: timeout } });
    const model = buildRunModel({ snapshot: snapshot(), graph: GRAPH, events: t.events })!;
    expect(model.steps.lookup).toMatchObject({
      state: 'recovered',
      attempts: 2,
      hasOutput: true,
      output: { account: null },
    });
    expect(model.steps.lookup.error?.stack).toContain('at x');
    expect(model.steps.lookup.attemptList.map((a) => `${a.attempt}:${a.outcome}`)).toEqual(['1:timeout', '2:timeout']);
    expect(model.steps.lookup.attemptList.at(-1)!.recovered).toBe(true);
  });

  it('tracks forEach items, and a failed item fails the step and aborts its running siblings', () => {
    const t = startedRun();
    t.add({ type: 'step.succeeded', step: 'lookup', attempt: 1, data: { output: {} } });
    t.add({ type: 'step.scheduled', step: 'items' });
    for (const index of [0, 1]) t.add({ type: 'step.scheduled', step: 'items', index });
    for (const index of [0, 1]) t.add({ type: 'step.started', step: 'items', index, attempt: 1 });
    t.add({ type: 'step.succeeded', step: 'items', index: 0, attempt: 1, data: { output: 0 } });
    let model = buildRunModel({ snapshot: snapshot(), graph: GRAPH, events: t.events })!;
    expect(model.steps.items).toMatchObject({ state: 'running', items: 2, hasOutput: false });
    t.add({
      type: 'step.failed',
      step: 'items',
      index: 1,
      attempt: 1,
      data: { error: { name: 'Error', message: 'boom' } },
    });
    t.add({ type: 'run.failed', data: { error: { name: 'StepFailedError', message: 'boom' } } });
    model = buildRunModel({ snapshot: snapshot(), graph: GRAPH, events: t.events })!;
    expect(model.steps.items.state).toBe('failed');
    expect(model.steps.items.attemptList.map((a) => `${a.index}:${a.outcome}`)).toEqual(['0:succeeded', '1:failed']);
    expect(model).toMatchObject({ status: 'failed', error: { name: 'StepFailedError' }, endedAt: t.events.at(-1)!.ts });
  });

  it('closes attempts the run aborts when it is cancelled', () => {
    const t = startedRun();
    t.add({
      type: 'step.failed',
      step: 'lookup',
      data: { error: { name: 'StepAbortedError', message: 'cancelled', code: 'STEP_ABORTED' }, aborted: true },
    });
    t.add({ type: 'step.skipped', step: 'items', data: { reason: 'cancelled' } });
    t.add({ type: 'run.cancelled', data: { error: { name: 'RunCancelledError', message: 'cancelled' } } });
    const model = buildRunModel({ snapshot: snapshot(), graph: GRAPH, events: t.events })!;
    expect(model.status).toBe('cancelled');
    expect(model.steps.lookup.attemptList[0]).toMatchObject({ outcome: 'aborted', aborted: true });
    expect(model.steps.lookup).toMatchObject({ state: 'aborted', error: { code: 'STEP_ABORTED' } });
    expect(model.steps.items).toMatchObject({ state: 'skipped', skipReason: 'cancelled' });
  });

  it('shows a step its run aborted as aborted, not failed, from the snapshot of the ended run too', () => {
    const aborted = {
      name: 'StepAbortedError',
      message: 'Step wf.lookup was aborted: the run was cancelled.',
      code: 'STEP_ABORTED',
    };
    const cancelled = { name: 'RunCancelledError', message: 'cancelled', reason: 'cancelled from the dashboard' };
    const ended = snapshot({
      status: 'cancelled',
      endedAt: 2000,
      error: cancelled,
      steps: { lookup: { name: 'lookup', status: 'failed', attempts: 1, error: aborted } },
    });
    const model = buildRunModel({ snapshot: ended, graph: GRAPH, events: [] })!;
    expect(model.steps.lookup).toMatchObject({ state: 'aborted', error: { code: 'STEP_ABORTED' } });
    expect(model.error?.reason).toBe('cancelled from the dashboard');
    const failedItself = snapshot({
      status: 'failed',
      steps: { lookup: { name: 'lookup', status: 'failed', attempts: 1, error: { name: 'Error', message: 'boom' } } },
    });
    expect(buildRunModel({ snapshot: failedItself, graph: GRAPH, events: [] })!.steps.lookup.state).toBe('failed');
  });

  it('closes an attempt still open at the run end event as aborted', () => {
    const t = startedRun();
    t.add({ type: 'run.failed', data: { error: { name: 'RunTimeoutError', message: 'timed out' } } });
    const model = buildRunModel({ snapshot: snapshot(), graph: GRAPH, events: t.events })!;
    expect(model.steps.lookup.attemptList[0]).toMatchObject({ outcome: 'aborted', aborted: true });
  });

  it('takes steps a rerun kept from the snapshot, and a fresher snapshot wins over the trace', () => {
    const t = trace();
    t.add({
      type: 'run.started',
      data: { workflow: 'wf', version: 'v1', input: {}, rerunOf: 'r0', reused: ['classify'] },
      ts: 1000,
    });
    t.add({ type: 'step.scheduled', step: 'route' });
    const kept = { name: 'classify', status: 'succeeded' as const, attempts: 1, output: 'bug' };
    const running = { name: 'route', status: 'running' as const, attempts: 0 };
    let model = buildRunModel({
      snapshot: snapshot({ rerunOf: 'r0', steps: { classify: kept, route: running } }),
      graph: GRAPH,
      events: t.events,
    })!;
    expect(model.steps.classify).toMatchObject({ state: 'succeeded', reused: true, output: 'bug' });
    expect(model.rerunOf).toBe('r0');
    const done = snapshot({
      status: 'succeeded',
      output: 'full',
      endedAt: 2000,
      steps: { classify: kept, route: { ...running, status: 'succeeded', output: 'full route' } },
    });
    model = buildRunModel({ snapshot: done, graph: GRAPH, events: t.events })!;
    expect(model).toMatchObject({ status: 'succeeded', output: 'full', endedAt: 2000 });
    expect(model.steps.route).toMatchObject({ state: 'succeeded', output: 'full route' });
  });

  it('lists child runs announced by step logs', () => {
    const t = startedRun();
    t.add({ type: 'step.log', step: 'lookup', data: { message: 'child started', data: { childRunId: 'c1' } } });
    const model = buildRunModel({ snapshot: snapshot(), graph: GRAPH, events: t.events })!;
    expect(model.children).toEqual([{ runId: 'c1', step: 'lookup' }]);
    expect(model.steps.lookup.logs.map((l) => l.message)).toEqual(['child started']);
  });
});
