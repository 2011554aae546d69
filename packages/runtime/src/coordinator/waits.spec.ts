import type { LoopNode } from '@baton/sdk';
import { describe, expect, it } from 'vitest';
import { graphOf, node, RunDriver, succeededSnapshot } from './coordinator.test-kit.js';

// Scenario tables for waits (DESIGN §7, "Waits"): signals kept until taken, timeouts and delays as timer
// actions reported back as `step.wait-expired`, one winner between a signal and its timeout.

const DAY = 86_400_000;

/** draft → approve (waits for 'approve', 1 day) → send. */
const approval = (fallback = false) =>
  graphOf(
    [
      node('draft'),
      node('approve', ['draft'], { wait: { signal: 'approve', timeoutMs: DAY }, fallback }),
      node('send', ['approve']),
    ],
    { signals: ['approve'] },
  );

describe('waits for signals', () => {
  it('waits, holding no step, until the signal comes; the step runs with it and the run goes on', () => {
    const run = new RunDriver(approval());
    run.succeed('draft');
    expect(run.state.steps.approve).toMatchObject({
      status: 'waiting',
      waitingFor: { signal: 'approve', until: run.clock + DAY },
    });
    expect(run.actions.at(-1)).toEqual({ type: 'start-timer', step: 'approve', timer: 'timeout', ms: DAY });
    expect(run.ranSteps()).toEqual(['draft']);
    run.send({ type: 'signal', name: 'approve', payload: { ok: true } });
    expect(run.state.steps.approve).toMatchObject({ status: 'running', received: { ok: true } });
    expect(run.state.steps.approve.waitingFor).toBeUndefined();
    expect(run.events.filter((e) => e.type === 'signal.received').map((e) => e.data)).toEqual([
      { signal: 'approve', payload: { ok: true }, step: 'approve' },
    ]);
    run.succeed('approve');
    run.succeed('send');
    expect(run.state.status).toBe('succeeded');
    expect(run.eventTypes('approve')).toEqual(['step.waiting', 'step.scheduled', 'step.started', 'step.succeeded']);
  });

  it('keeps a signal that comes before the wait, and the step takes it as soon as it is ready', () => {
    const run = new RunDriver(approval());
    run.send({ type: 'signal', name: 'approve', payload: 'early' });
    expect(run.state.signals).toEqual({ approve: [{ payload: 'early', at: run.clock }] });
    run.succeed('draft');
    expect(run.state.steps.approve).toMatchObject({ status: 'running', received: 'early' });
    expect(run.state.signals).toBeUndefined();
    expect(run.actions.some((a) => a.type === 'start-timer')).toBe(false);
  });

  it('gives two signals to two waits of one name in arrival order', () => {
    const graph = graphOf(
      [node('first', [], { wait: { signal: 'go' } }), node('second', ['first'], { wait: { signal: 'go' } })],
      { signals: ['go'] },
    );
    const run = new RunDriver(graph);
    run.send({ type: 'signal', name: 'go', payload: 1 });
    run.send({ type: 'signal', name: 'go', payload: 2 });
    expect(run.state.steps.first.received).toBe(1);
    expect(run.state.signals).toEqual({ go: [{ payload: 2, at: run.clock }] });
    run.succeed('first');
    expect(run.state.steps.second.received).toBe(2);
  });

  it('fails the step with SignalTimeoutError when the timeout comes first; a late signal is kept, not applied', () => {
    const run = new RunDriver(approval());
    run.succeed('draft');
    run.send({ type: 'step.wait-expired', step: 'approve', timer: 'timeout' });
    expect(run.state.status).toBe('failed');
    expect(run.state.steps.approve.error).toMatchObject({
      code: 'SIGNAL_TIMEOUT',
      details: { signal: 'approve', timeoutMs: DAY },
    });
    const before = run.snapshot();
    run.send({ type: 'signal', name: 'approve', payload: 'late' });
    expect(run.state).toEqual(before);
  });

  it("lets the step's fallback decide after a timeout: it runs with the failure to settle", () => {
    const run = new RunDriver(approval(true));
    run.succeed('draft');
    run.send({ type: 'step.wait-expired', step: 'approve', timer: 'timeout' });
    expect(run.actions.at(-1)).toMatchObject({
      type: 'run-step',
      step: 'approve',
      failWith: { code: 'SIGNAL_TIMEOUT' },
    });
    run.send({
      type: 'step.recovered',
      step: 'approve',
      attempt: 0,
      output: 'auto-approved',
      error: { name: 'SignalTimeoutError', message: 'timeout', code: 'SIGNAL_TIMEOUT' },
    });
    expect(run.statuses()).toMatchObject({ approve: 'recovered', send: 'running' });
  });

  it('has one winner between a signal and its timeout, whichever is applied first', () => {
    const signalFirst = new RunDriver(approval());
    signalFirst.succeed('draft');
    signalFirst.send({ type: 'signal', name: 'approve', payload: 'yes' });
    const before = signalFirst.snapshot();
    signalFirst.send({ type: 'step.wait-expired', step: 'approve', timer: 'timeout' });
    expect(signalFirst.state).toEqual(before);
    expect(signalFirst.state.steps.approve.status).toBe('running');

    const timeoutFirst = new RunDriver(approval());
    timeoutFirst.succeed('draft');
    timeoutFirst.send({ type: 'step.wait-expired', step: 'approve', timer: 'timeout' });
    timeoutFirst.send({ type: 'signal', name: 'approve', payload: 'too late' });
    expect(timeoutFirst.state.steps.approve.received).toBeUndefined();
  });

  it('skips a waiting step when the run is cancelled', () => {
    const run = new RunDriver(approval());
    run.succeed('draft');
    run.send({ type: 'run.cancel', reason: 'no longer needed' });
    expect(run.state.status).toBe('cancelled');
    expect(run.state.steps.approve).toMatchObject({ status: 'skipped', skipReason: 'cancelled' });
    expect(run.state.steps.approve.waitingFor).toBeUndefined();
    expect(run.aborts()).toEqual([]);
  });

  it('waits anew in each loop pass, taking one signal per pass; a timer of an earlier pass is ignored', () => {
    const loop: LoopNode = { router: 'check', target: 'review', body: ['review', 'check'], maxIterations: 3 };
    const graph = graphOf(
      [
        node('review', [], { wait: { signal: 'verdict', timeoutMs: 1000 } }),
        node('check', ['review'], {
          kind: 'route',
          routes: ['review', 'done'],
          backTargets: ['review'],
          maxIterations: 3,
        }),
        node('done', ['check']),
      ],
      { signals: ['verdict'], loops: [loop] },
    );
    const run = new RunDriver(graph);
    run.send({ type: 'signal', name: 'verdict', payload: 'revise' });
    run.succeed('review');
    run.succeed('check', 'review');
    expect(run.state.steps.review).toMatchObject({ status: 'waiting', iteration: 2 });
    expect(run.state.steps.review.received).toBeUndefined();
    const before = run.snapshot();
    run.send({ type: 'step.wait-expired', step: 'review', timer: 'timeout', iteration: 1 });
    expect(run.state).toEqual(before);
    run.send({ type: 'signal', name: 'verdict', payload: 'ship' });
    expect(run.state.steps.review).toMatchObject({ status: 'running', received: 'ship', iteration: 2 });
  });

  it('a rerun keeps a step that took its signal, and does not wait again', () => {
    const run = new RunDriver(approval(), {
      reuse: {
        draft: succeededSnapshot('draft', 'text'),
        approve: { ...succeededSnapshot('approve', 'approved'), received: 'yes' },
      },
    });
    expect(run.statuses()).toMatchObject({ approve: 'succeeded', send: 'running' });
    expect(run.events.some((e) => e.type === 'step.waiting')).toBe(false);
  });
});

describe('delays', () => {
  it('waits its delay before running, then runs on the timer', () => {
    const graph = graphOf([node('a'), node('later', ['a'], { delay: { ms: 5000 } })]);
    const run = new RunDriver(graph);
    run.succeed('a');
    expect(run.state.steps.later).toMatchObject({
      status: 'waiting',
      waitingFor: { delay: true, until: run.clock + 5000 },
    });
    expect(run.actions.at(-1)).toEqual({ type: 'start-timer', step: 'later', timer: 'delay', ms: 5000 });
    run.send({ type: 'step.wait-expired', step: 'later', timer: 'delay' });
    expect(run.state.steps.later.status).toBe('running');
    expect(run.ranSteps()).toEqual(['a', 'later']);
  });

  it('asks the transport to compute a dynamic delay', () => {
    const graph = graphOf([node('later', [], { delay: { dynamic: true } })]);
    const run = new RunDriver(graph);
    expect(run.state.steps.later.waitingFor).toEqual({ delay: true });
    expect(run.actions).toEqual([{ type: 'start-timer', step: 'later', timer: 'delay' }]);
  });
});
