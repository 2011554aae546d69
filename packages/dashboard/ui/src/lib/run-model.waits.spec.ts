import { describe, expect, it } from 'vitest';
import type { RunSnapshot } from '@baton/runtime';
import { buildRunModel } from './run-model.js';
import { trace, WAIT_GRAPH } from './trace.fixtures.js';
import { waitingForSignals } from './waiting-signals.js';

const snapshot = (extra: Partial<RunSnapshot> = {}): RunSnapshot => ({
  runId: 'r1',
  workflow: 'waits',
  version: 'v1',
  status: 'running',
  input: {},
  startedAt: 1000,
  steps: {},
  ...extra,
});

/** The run up to `approval` waiting (its timeout an hour after it began to wait). */
function waitingRun() {
  const t = trace();
  t.add({ type: 'run.started', data: { workflow: 'waits', version: 'v1', input: {} }, ts: 1000 });
  t.add({ type: 'step.scheduled', step: 'draft' });
  t.add({ type: 'step.started', step: 'draft', attempt: 1 });
  t.add({ type: 'step.succeeded', step: 'draft', attempt: 1, data: { output: 'text' } });
  t.add({ type: 'step.waiting', step: 'approval', data: { signal: 'approval', until: 3_601_040 } });
  return t;
}

describe('buildRunModel: waits and signals', () => {
  it('shows a step waiting for a signal, what for and until when, until the signal comes', () => {
    const t = waitingRun();
    let model = buildRunModel({ snapshot: snapshot(), graph: WAIT_GRAPH, events: t.events })!;
    expect(model.steps.approval).toMatchObject({
      state: 'waiting',
      waitingFor: { signal: 'approval', until: 3_601_040 },
    });
    expect(model.waiting).toEqual(['approval']);
    expect(model.pendingSignals).toEqual({});
    expect(waitingForSignals(model)).toEqual([{ step: 'approval', signal: 'approval' }]);

    t.add({
      type: 'signal.received',
      data: { signal: 'approval', payload: { decision: 'approve' }, step: 'approval' },
    });
    t.add({ type: 'step.scheduled', step: 'approval' });
    model = buildRunModel({ snapshot: snapshot(), graph: WAIT_GRAPH, events: t.events })!;
    expect(model.steps.approval.state).toBe('running');
    expect(model.steps.approval).not.toHaveProperty('waitingFor');
    expect(model.steps.approval.received).toEqual({ value: { decision: 'approve' } });
    expect(model.waiting).toEqual([]);
  });

  it('shows a delay with its end', () => {
    const t = waitingRun();
    t.add({ type: 'signal.received', data: { signal: 'approval', payload: {}, step: 'approval' } });
    t.add({ type: 'step.scheduled', step: 'approval' });
    t.add({ type: 'step.started', step: 'approval', attempt: 1 });
    t.add({ type: 'step.succeeded', step: 'approval', attempt: 1, data: { output: 'approve' } });
    t.add({ type: 'step.waiting', step: 'pause', data: { delay: true, until: 9_000 } });
    const model = buildRunModel({ snapshot: snapshot(), graph: WAIT_GRAPH, events: t.events })!;
    expect(model.steps.pause).toMatchObject({ state: 'waiting', waitingFor: { delay: true, until: 9_000 } });
    expect(waitingForSignals(model)).toEqual([]);
  });

  it('counts a signal that came before its step waits as pending, until the step takes it', () => {
    const t = trace();
    t.add({ type: 'run.started', data: { workflow: 'waits', version: 'v1', input: {} }, ts: 1000 });
    t.add({ type: 'step.scheduled', step: 'draft' });
    t.add({ type: 'signal.received', data: { signal: 'approval', payload: { decision: 'reject' } } });
    let model = buildRunModel({ graph: WAIT_GRAPH, events: t.events })!;
    expect(model.pendingSignals).toEqual({ approval: 1 });
    expect(model.steps.approval.state).toBe('pending');

    t.add({ type: 'step.succeeded', step: 'draft', data: { output: 'text' } });
    t.add({ type: 'step.waiting', step: 'approval', data: { signal: 'approval' } });
    t.add({ type: 'step.scheduled', step: 'approval' });
    model = buildRunModel({ graph: WAIT_GRAPH, events: t.events })!;
    expect(model.pendingSignals).toEqual({});
    expect(model.steps.approval).toMatchObject({ state: 'running', received: { value: { decision: 'reject' } } });
  });

  it('reads waits and kept signals from the snapshot when the trace lacks them', () => {
    const snap = snapshot({
      waiting: 1,
      signals: { approval: [{ payload: {}, at: 5 }] },
      steps: {
        draft: { name: 'draft', status: 'succeeded', attempts: 1 },
        pause: { name: 'pause', status: 'waiting', attempts: 0, waitingFor: { delay: true, until: 7_000 } },
      },
    });
    const model = buildRunModel({ snapshot: snap, graph: WAIT_GRAPH, events: [] })!;
    expect(model.steps.pause).toMatchObject({ state: 'waiting', waitingFor: { delay: true, until: 7_000 } });
    expect(model.pendingSignals).toEqual({ approval: 1 });
    expect(model.waiting).toEqual(['pause']);
  });

  it('keeps the payload a step received from the snapshot once the run ended', () => {
    const snap = snapshot({
      status: 'succeeded',
      steps: { approval: { name: 'approval', status: 'succeeded', attempts: 1, received: { decision: 'approve' } } },
    });
    const model = buildRunModel({ snapshot: snap, graph: WAIT_GRAPH, events: [] })!;
    expect(model.steps.approval.received).toEqual({ value: { decision: 'approve' } });
  });
});
