import { compileWorkflow, Parallel, Route, Step, Workflow, type WorkflowGraph } from '@baton/sdk';
import { describe, expect, it } from 'vitest';
import { startRun } from './coordinator.js';
import { boom, graphOf, node, RunDriver, succeededSnapshot, T0 } from './coordinator.test-kit.js';

// ---------------------------------------------------------------------------------------------------------
// Graphs shared by the scenarios. Each is compiled from decorators, as users write them.
// ---------------------------------------------------------------------------------------------------------

@Workflow({ name: 'chain' })
class Chain {
  @Step() a() {}
  @Step() b() {}
  @Step() c() {}
}

@Workflow({ name: 'fan' })
class Fan {
  @Step() plan() {}
  @Parallel() @Step() x() {}
  @Parallel() @Step() y() {}
  @Parallel() @Step() z() {}
  @Step() merge() {}
}

@Workflow({ name: 'routed' })
class Routed {
  @Step() a() {}
  @Route(['b', 'c']) r() {
    return 'b';
  }
  @Step() b() {}
  @Step() c() {}
  @Step() d() {}
}

@Workflow({ name: 'routed-sinks' })
class RoutedSinks {
  @Route(['b', 'c']) r() {
    return 'b';
  }
  @Step() b() {}
  @Step() c() {}
}

@Workflow({ name: 'skips' })
class Skips {
  @Route(['b', 'c']) r() {
    return 'b';
  }
  @Step() b() {}
  @Step({ after: 'r' }) c() {}
  @Step({ after: 'b' }) e() {}
  @Step({ after: 'e' }) f() {}
  @Step({ after: ['e', 'c'] }) g() {}
}

@Workflow({ name: 'two-roots' })
class TwoRoots {
  @Parallel() @Step() a() {}
  @Parallel() @Step() b() {}
  @Parallel() @Step() c() {}
  @Step() d() {}
}

@Workflow({ name: 'chosen-output', output: 'a' })
class ChosenOutput {
  @Step() a() {}
  @Step() b() {}
}

@Workflow({ name: 'for-each' })
class ForEach {
  @Step() plan() {}
  @Parallel({ forEach: () => [1, 2, 3, 4, 5], concurrency: 2 }) @Step() search() {}
  @Step() merge() {}
}

@Workflow({ name: 'for-each-unbounded' })
class ForEachUnbounded {
  @Parallel({ forEach: () => [1, 2, 3] }) @Step() each() {}
}

const chain = compileWorkflow(Chain);
const fan = compileWorkflow(Fan);
const routed = compileWorkflow(Routed);
const routedSinks = compileWorkflow(RoutedSinks);
const skips = compileWorkflow(Skips);
const twoRoots = compileWorkflow(TwoRoots);
const chosenOutput = compileWorkflow(ChosenOutput);
const forEach = compileWorkflow(ForEach);
const forEachUnbounded = compileWorkflow(ForEachUnbounded);

/** The largest number of item `run-step` actions of `step` outstanding at once over the run. */
function maxOutstandingItems(d: RunDriver, step: string): number {
  let outstanding = 0;
  let max = 0;
  for (const e of d.events) {
    if (e.step !== step || e.index === undefined) continue;
    if (e.type === 'step.scheduled') max = Math.max(max, ++outstanding);
    if (e.type === 'step.succeeded' || e.type === 'step.recovered' || e.type === 'step.failed') outstanding -= 1;
  }
  return max;
}

// ---------------------------------------------------------------------------------------------------------

describe('coordinator: start and sequencing', () => {
  it('starts with run.started, then schedules every root with a run-step action', () => {
    const t = startRun(twoRoots, { runId: 'r1', input: 42, at: T0 });
    expect(t.events.map((e) => [e.seq, e.type, e.step])).toEqual([
      [1, 'run.started', undefined],
      [2, 'step.scheduled', 'a'],
      [3, 'step.scheduled', 'b'],
      [4, 'step.scheduled', 'c'],
    ]);
    expect(t.events.every((e) => e.runId === 'r1' && e.ts === T0)).toBe(true);
    expect(t.actions).toEqual([
      { type: 'run-step', step: 'a' },
      { type: 'run-step', step: 'b' },
      { type: 'run-step', step: 'c' },
    ]);
    expect(t.state).toMatchObject({
      runId: 'r1',
      workflow: 'two-roots',
      status: 'running',
      input: 42,
      startedAt: T0,
      seq: 4,
    });
    expect(t.state.steps.d).toEqual({ name: 'd', status: 'pending', attempts: 0 });
  });

  it('runs a chain one step at a time and outputs the sink', () => {
    const d = new RunDriver(chain);
    expect(d.ranSteps()).toEqual(['a']);
    expect(d.succeed('a').actions).toEqual([{ type: 'run-step', step: 'b' }]);
    expect(d.succeed('b').actions).toEqual([{ type: 'run-step', step: 'c' }]);
    expect(d.succeed('c', 'final').actions).toEqual([{ type: 'finish', status: 'succeeded', output: 'final' }]);
    expect(d.statuses()).toEqual({ a: 'succeeded', b: 'succeeded', c: 'succeeded' });
    expect(d.state).toMatchObject({ status: 'succeeded', output: 'final', endedAt: d.clock });
    expect(d.state.steps.b).toMatchObject({ attempts: 1, startedAt: T0 + 3, endedAt: T0 + 4, output: 'b-out' });
    expect(d.eventTypes().at(-1)).toBe('run.succeeded');
  });

  it('fans out and schedules the join once, only after every member settled', () => {
    const d = new RunDriver(fan);
    d.succeed('plan');
    expect(d.last.actions.map((a) => a.type === 'run-step' && a.step)).toEqual(['x', 'y', 'z']);
    d.succeed('y');
    expect(d.last.actions).toEqual([]);
    d.succeed('x');
    expect(d.last.actions).toEqual([]);
    expect(d.state.steps.merge.status).toBe('pending');
    d.succeed('z');
    expect(d.last.actions).toEqual([{ type: 'run-step', step: 'merge' }]);
    expect(d.ranSteps().filter((s) => s === 'merge')).toHaveLength(1);
    expect(d.events.filter((e) => e.type === 'step.scheduled' && e.step === 'merge')).toHaveLength(1);
    d.succeed('merge', 'merged');
    expect(d.state).toMatchObject({ status: 'succeeded', output: 'merged' });
  });
});

describe('coordinator: routes', () => {
  it('runs the chosen target, skips the other with reason route, and still runs the join after them', () => {
    const d = new RunDriver(routed);
    d.succeed('a');
    d.succeed('r', 'b');
    expect(d.last.actions).toEqual([{ type: 'run-step', step: 'b' }]);
    expect(d.state.steps.c).toMatchObject({ status: 'skipped', skipReason: 'route' });
    expect(d.eventTypes('c')).toEqual(['step.skipped']);
    d.succeed('b');
    expect(d.last.actions).toEqual([{ type: 'run-step', step: 'd' }]);
    d.succeed('d', 'done');
    expect(d.statuses()).toEqual({ a: 'succeeded', r: 'succeeded', b: 'succeeded', c: 'skipped', d: 'succeeded' });
    expect(d.state).toMatchObject({ status: 'succeeded', output: 'done' });
    expect(d.state.steps.r.output).toBe('b');
  });

  it("takes a recovered route's fallback value as its choice", () => {
    const d = new RunDriver(routed);
    d.succeed('a');
    d.started('r');
    d.send({ type: 'step.recovered', step: 'r', attempt: 1, output: 'c', error: boom('classifier down') });
    expect(d.state.steps.r).toMatchObject({ status: 'recovered', output: 'c', error: { message: 'classifier down' } });
    expect(d.state.steps.b).toMatchObject({ status: 'skipped', skipReason: 'route' });
    expect(d.last.actions).toEqual([{ type: 'run-step', step: 'c' }]);
  });

  it('runs every target of an array', () => {
    const d = new RunDriver(routed);
    d.succeed('a');
    d.succeed('r', ['c', 'b']);
    expect(d.last.actions).toEqual([
      { type: 'run-step', step: 'b' },
      { type: 'run-step', step: 'c' },
    ]);
    d.succeed('c');
    expect(d.last.actions).toEqual([]);
    d.succeed('b');
    expect(d.last.actions).toEqual([{ type: 'run-step', step: 'd' }]);
    d.succeed('d');
    expect(d.state.status).toBe('succeeded');
    expect(d.skipReasons()).toEqual({});
  });

  it('chooses no target for an empty array (targets are sinks: the run ends with no output)', () => {
    const d = new RunDriver(routedSinks);
    d.succeed('r', []);
    expect(d.skipReasons()).toEqual({ b: 'route', c: 'route' });
    expect(d.state.status).toBe('succeeded');
    expect(d.finishes()).toEqual([{ type: 'finish', status: 'succeeded', output: undefined }]);
  });

  it('chooses no target for an empty array, and skips the join after the targets as upstream', () => {
    const d = new RunDriver(routed);
    d.succeed('a');
    d.succeed('r', []);
    expect(d.skipReasons()).toEqual({ b: 'route', c: 'route', d: 'upstream' });
    expect(d.state.status).toBe('succeeded');
    expect(d.finishes()).toHaveLength(1);
  });

  it.each([
    ['an unknown name', 'nope'],
    ['a number', 3],
    ['an array with an unknown name', ['b', 'x']],
    ['undefined', undefined],
  ])('fails the route with a RouteError, and the run, when it returns %s', (_label, returned) => {
    const d = new RunDriver(routed);
    d.succeed('a');
    d.started('r');
    d.send({ type: 'step.succeeded', step: 'r', attempt: 1, output: returned });
    expect(d.state.steps.r).toMatchObject({ status: 'failed', error: { name: 'RouteError' } });
    expect(d.state.steps.r.error!.message).toContain("'b', 'c'");
    expect(d.skipReasons()).toEqual({ b: 'failed', c: 'failed', d: 'failed' });
    expect(d.state).toMatchObject({ status: 'failed', error: { name: 'StepFailedError' } });
    expect(d.last.actions).toEqual([{ type: 'finish', status: 'failed', error: d.state.error }]);
    expect(d.eventTypes('r')).toEqual(['step.scheduled', 'step.started', 'step.failed']);
    expect(d.eventTypes().at(-1)).toBe('run.failed');
  });
});

describe('coordinator: skip propagation', () => {
  it('skips, transitively and with reason upstream, every step whose dependencies were all skipped', () => {
    const d = new RunDriver(skips);
    d.succeed('r', 'c');
    expect(d.state.steps.b).toMatchObject({ status: 'skipped', skipReason: 'route' });
    expect(d.state.steps.e).toMatchObject({ status: 'skipped', skipReason: 'upstream' });
    expect(d.state.steps.f).toMatchObject({ status: 'skipped', skipReason: 'upstream' });
    expect(d.last.actions).toEqual([{ type: 'run-step', step: 'c' }]);
    // g depends on skipped e and on c: it waits for c, then runs.
    expect(d.state.steps.g.status).toBe('pending');
    d.succeed('c');
    expect(d.last.actions).toEqual([{ type: 'run-step', step: 'g' }]);
    d.succeed('g', 'G');
    expect(d.state).toMatchObject({ status: 'succeeded', output: 'G' });
    expect(d.ranSteps()).toEqual(['r', 'c', 'g']);
  });

  it('skips a chain hanging below an unchosen target', () => {
    const d = new RunDriver(skips);
    d.succeed('r', 'b');
    // c not chosen: g (after e and c) must wait for e; f and g run after e.
    expect(d.state.steps.c).toMatchObject({ status: 'skipped', skipReason: 'route' });
    d.succeed('b');
    d.succeed('e');
    expect(d.last.actions).toEqual([
      { type: 'run-step', step: 'f' },
      { type: 'run-step', step: 'g' },
    ]);
    d.succeed('f');
    d.succeed('g');
    expect(d.state.status).toBe('succeeded');
    expect(d.state.output).toEqual({ f: 'f-out', g: 'g-out' });
  });

  it('skips every step below a route that chose nothing, through a chain, and ends the run', () => {
    const graph = graphOf([
      node('r', [], { kind: 'route', routes: ['t'] }),
      node('t', ['r']),
      node('u', ['t']),
      node('v', ['u']),
    ]);
    const d = new RunDriver(graph);
    d.succeed('r', []);
    expect(d.skipReasons()).toEqual({ t: 'route', u: 'upstream', v: 'upstream' });
    expect(d.state.status).toBe('succeeded');
  });
});

describe('coordinator: failure', () => {
  it('fails fast: aborts running siblings, skips pending steps, fails the run once', () => {
    const d = new RunDriver(fan);
    d.succeed('plan');
    d.started('x');
    d.started('z');
    const t = d.fail('y', boom('y broke'));
    expect(d.state).toMatchObject({ status: 'failed', error: { name: 'StepFailedError' } });
    expect(d.state.error!.message).toContain('y broke');
    expect(d.state.steps.y).toMatchObject({ status: 'failed', error: { name: 'Error', message: 'y broke' } });
    for (const s of ['x', 'z']) {
      expect(d.state.steps[s]).toMatchObject({ status: 'failed', error: { name: 'StepAbortedError' } });
    }
    expect(d.state.steps.merge).toMatchObject({ status: 'skipped', skipReason: 'failed' });
    expect(t.actions.map((a) => [a.type, 'step' in a ? a.step : undefined])).toEqual([
      ['abort-step', 'x'],
      ['abort-step', 'z'],
      ['finish', undefined],
    ]);
    expect(t.actions.at(-1)).toEqual({ type: 'finish', status: 'failed', error: d.state.error });
    expect(t.events.map((e) => `${e.type}:${e.step ?? ''}`)).toEqual([
      'step.failed:y',
      'step.failed:x',
      'step.failed:z',
      'step.skipped:merge',
      'run.failed:',
    ]);
    expect(d.ranSteps()).not.toContain('merge');
  });

  it('counts a recovered step as a success: its dependents run and it can be the output', () => {
    const d = new RunDriver(chain);
    d.succeed('a');
    d.recover('b', 'fallback-value', boom('b broke'));
    expect(d.state.steps.b).toMatchObject({
      status: 'recovered',
      output: 'fallback-value',
      error: { message: 'b broke' },
    });
    expect(d.last.actions).toEqual([{ type: 'run-step', step: 'c' }]);
    expect(d.eventTypes('b')).toEqual(['step.scheduled', 'step.started', 'step.recovered']);
    d.recover('c', 'c-fallback');
    expect(d.state).toMatchObject({ status: 'succeeded', output: 'c-fallback' });
  });
});

describe('coordinator: output', () => {
  it('takes the @Workflow({ output }) step', () => {
    const d = new RunDriver(chosenOutput);
    d.succeed('a', { answer: 1 });
    d.succeed('b', 'ignored');
    expect(d.state.output).toEqual({ answer: 1 });
    expect(d.finishes()).toEqual([{ type: 'finish', status: 'succeeded', output: { answer: 1 } }]);
  });

  it('takes the single sink by default', () => {
    const d = new RunDriver(fan);
    for (const s of ['plan', 'x', 'y', 'z', 'merge']) d.succeed(s, s.toUpperCase());
    expect(d.state.output).toBe('MERGE');
  });

  it('keys several sinks by name', () => {
    const d = new RunDriver(graphOf([node('a'), node('b', ['a']), node('c', ['a'])]));
    d.succeed('a');
    d.succeed('c', 3);
    d.recover('b', 2);
    expect(d.state.output).toEqual({ b: 2, c: 3 });
    expect(d.eventTypes().at(-1)).toBe('run.succeeded');
    expect(d.events.at(-1)!.data).toEqual({ output: { b: 2, c: 3 } });
  });

  it('leaves a skipped sink out (one remaining sink is the output itself)', () => {
    const d = new RunDriver(routedSinks);
    d.succeed('r', 'c');
    d.succeed('c', 'C');
    expect(d.state.output).toBe('C');
  });

  it('leaves a skipped sink out of the keyed object', () => {
    const graph = graphOf([
      node('r', [], { kind: 'route', routes: ['b', 'c'] }),
      node('b', ['r']),
      node('c', ['r']),
      node('s'),
    ]);
    const d = new RunDriver(graph);
    d.succeed('s', 'S');
    d.succeed('r', 'b');
    d.succeed('b', 'B');
    expect(d.state.output).toEqual({ b: 'B', s: 'S' });
  });
});

describe('coordinator: forEach', () => {
  it('expands, runs items up to concurrency, and outputs item outputs in item order', () => {
    const d = new RunDriver(forEach);
    d.succeed('plan');
    expect(d.last.actions).toEqual([{ type: 'expand', step: 'search' }]);
    expect(d.state.steps.search.status).toBe('running');
    d.expanded('search', 5);
    expect(d.last.actions).toEqual([
      { type: 'run-step', step: 'search', index: 0 },
      { type: 'run-step', step: 'search', index: 1 },
    ]);
    expect(d.state.steps.search.items).toBe(5);
    // finish out of order: 1, then 2, then 0, 4, 3
    d.succeed('search', 'o1', 1);
    expect(d.last.actions).toEqual([{ type: 'run-step', step: 'search', index: 2 }]);
    d.succeed('search', 'o2', 2);
    expect(d.last.actions).toEqual([{ type: 'run-step', step: 'search', index: 3 }]);
    d.succeed('search', 'o0', 0);
    expect(d.last.actions).toEqual([{ type: 'run-step', step: 'search', index: 4 }]);
    d.succeed('search', 'o4', 4);
    expect(d.last.actions).toEqual([]);
    d.recover('search', 'o3', boom(), 3);
    expect(d.last.actions).toEqual([{ type: 'run-step', step: 'merge' }]);
    expect(d.state.steps.search).toMatchObject({
      status: 'succeeded',
      output: ['o0', 'o1', 'o2', 'o3', 'o4'],
      attempts: 5,
    });
    expect(maxOutstandingItems(d, 'search')).toBe(2);
    expect(d.ranSteps().filter((s) => s.startsWith('search'))).toEqual([
      'search#0',
      'search#1',
      'search#2',
      'search#3',
      'search#4',
    ]);
    d.succeed('merge');
    expect(d.state.status).toBe('succeeded');
  });

  it('runs every item at once without a concurrency bound', () => {
    const d = new RunDriver(forEachUnbounded);
    expect(d.last.actions).toEqual([{ type: 'expand', step: 'each' }]);
    d.expanded('each', 3);
    expect(d.last.actions).toHaveLength(3);
    d.succeed('each', 'c', 2);
    d.succeed('each', 'a', 0);
    d.succeed('each', 'b', 1);
    expect(d.state).toMatchObject({ status: 'succeeded', output: ['a', 'b', 'c'] });
  });

  it('succeeds with [] for zero items', () => {
    const d = new RunDriver(forEach);
    d.succeed('plan');
    d.expanded('search', 0);
    expect(d.state.steps.search).toMatchObject({ status: 'succeeded', output: [] });
    expect(d.last.actions).toEqual([{ type: 'run-step', step: 'merge' }]);
  });

  it('fails the run when an item fails, aborting the other running items', () => {
    const d = new RunDriver(forEachUnbounded);
    d.expanded('each', 3);
    d.started('each', 1, 0);
    d.succeed('each', 'b', 1);
    d.started('each', 1, 2);
    const t = d.send({ type: 'step.failed', step: 'each', index: 2, attempt: 1, error: boom('item 2') });
    expect(t.actions.filter((a) => a.type === 'abort-step')).toEqual([
      expect.objectContaining({ type: 'abort-step', step: 'each', index: 0 }),
    ]);
    expect(t.actions.at(-1)).toMatchObject({ type: 'finish', status: 'failed', error: { name: 'StepFailedError' } });
    expect(d.state.steps.each).toMatchObject({ status: 'failed', error: { message: 'item 2' } });
    expect(d.state.status).toBe('failed');
    // the aborted item's late result changes nothing
    const before = d.snapshot();
    const late = d.send({ type: 'step.succeeded', step: 'each', index: 0, attempt: 1, output: 'late' });
    expect(late.actions).toEqual([]);
    expect(late.events).toEqual([]);
    expect(d.state).toEqual(before);
  });

  it('ignores a second step.expanded and a step-level result for an expanded step', () => {
    const d = new RunDriver(forEachUnbounded);
    d.expanded('each', 2);
    const before = d.snapshot();
    for (const t of [
      d.expanded('each', 5),
      d.send({ type: 'step.succeeded', step: 'each', attempt: 1, output: 'whole' }),
      d.send({ type: 'step.succeeded', step: 'each', index: 7, attempt: 1, output: 'nope' }),
    ]) {
      expect(t.actions).toEqual([]);
      expect(t.events).toEqual([]);
    }
    expect(d.state).toEqual(before);
  });
});

describe('coordinator: stop, cancel, timeout', () => {
  it('ctx.stop ends the run succeeded with its output, skipping pending steps and aborting running ones', () => {
    const d = new RunDriver(fan);
    d.succeed('plan');
    d.started('x');
    d.started('y');
    const t = d.send({ type: 'run.stop', step: 'x', output: { early: true } });
    expect(d.state).toMatchObject({ status: 'succeeded', output: { early: true } });
    expect(d.state.steps.x).toMatchObject({ status: 'succeeded', output: { early: true } });
    expect(d.state.steps.y).toMatchObject({ status: 'failed', error: { name: 'StepAbortedError' } });
    expect(d.state.steps.z).toMatchObject({ status: 'failed', error: { name: 'StepAbortedError' } });
    expect(d.state.steps.merge).toMatchObject({ status: 'skipped', skipReason: 'stopped' });
    expect(t.actions).toEqual([
      expect.objectContaining({ type: 'abort-step', step: 'y' }),
      expect.objectContaining({ type: 'abort-step', step: 'z' }),
      { type: 'finish', status: 'succeeded', output: { early: true } },
    ]);
    expect(d.eventTypes().at(-1)).toBe('run.succeeded');
  });

  it("ctx.stop from a forEach item aborts the step's other running items", () => {
    const d = new RunDriver(forEachUnbounded);
    d.expanded('each', 3);
    d.started('each', 1, 0);
    d.started('each', 1, 1);
    const t = d.send({ type: 'run.stop', step: 'each', index: 1, output: 'stopped-early' });
    expect(d.state).toMatchObject({ status: 'succeeded', output: 'stopped-early' });
    expect(t.actions.filter((a) => a.type === 'abort-step').map((a) => a.type === 'abort-step' && a.index)).toEqual([
      0, 2,
    ]);
    expect(t.actions.at(-1)).toEqual({ type: 'finish', status: 'succeeded', output: 'stopped-early' });
  });

  it('cancel ends the run cancelled: RunCancelledError, running aborted, pending skipped', () => {
    const d = new RunDriver(fan);
    d.succeed('plan');
    d.started('x');
    const t = d.send({ type: 'run.cancel', reason: 'user asked' });
    expect(d.state).toMatchObject({ status: 'cancelled', error: { name: 'RunCancelledError' }, endedAt: d.clock });
    expect(d.state.error!.message).toContain('user asked');
    expect(d.state.error!.reason).toBe('user asked');
    for (const s of ['x', 'y', 'z'])
      expect(d.state.steps[s]).toMatchObject({ status: 'failed', error: { name: 'StepAbortedError' } });
    expect(d.state.steps.merge).toMatchObject({ status: 'skipped', skipReason: 'cancelled' });
    expect(t.actions.map((a) => a.type)).toEqual(['abort-step', 'abort-step', 'abort-step', 'finish']);
    expect(t.actions.at(-1)).toMatchObject({
      type: 'finish',
      status: 'cancelled',
      error: { name: 'RunCancelledError' },
    });
    expect(t.events.map((e) => e.type).at(-1)).toBe('run.cancelled');
    expect(d.eventTypes()).not.toContain('run.failed');
  });

  it('a workflow timeout fails the run with the given error, skipping pending steps with reason timeout', () => {
    const d = new RunDriver(chain);
    d.started('a');
    const error = { name: 'WorkflowTimeoutError', message: 'too slow', code: 'WORKFLOW_TIMEOUT' };
    const t = d.send({ type: 'run.timeout', error });
    expect(d.state).toMatchObject({ status: 'failed', error });
    expect(d.state.steps.a).toMatchObject({ status: 'failed', error: { name: 'StepAbortedError' } });
    expect(d.skipReasons()).toEqual({ b: 'timeout', c: 'timeout' });
    expect(t.actions).toEqual([
      expect.objectContaining({ type: 'abort-step', step: 'a' }),
      { type: 'finish', status: 'failed', error },
    ]);
    expect(t.events.at(-1)).toMatchObject({ type: 'run.failed', data: { error } });
  });

  it('run.fail (e.g. an incompatible graph version) fails the run with its error, skipping pending steps with reason failed', () => {
    const d = new RunDriver(chain);
    d.succeed('a');
    const error = { name: 'WorkflowVersionError', message: 'b: missing', code: 'WORKFLOW_VERSION' };
    const t = d.send({ type: 'run.fail', error });
    expect(d.state).toMatchObject({ status: 'failed', error });
    expect(d.state.steps.b).toMatchObject({ status: 'failed', error: { name: 'StepAbortedError' } });
    expect(d.skipReasons()).toEqual({ c: 'failed' });
    expect(t.actions.at(-1)).toEqual({ type: 'finish', status: 'failed', error });
    expect(d.send({ type: 'run.fail', error }).events).toEqual([]);
  });
});

describe('coordinator: late and duplicate events', () => {
  const unchanged = (d: RunDriver, send: () => void) => {
    const before = d.snapshot();
    const count = { actions: d.actions.length, events: d.events.length };
    send();
    expect(d.last.actions).toEqual([]);
    expect(d.last.events).toEqual([]);
    expect(d.state).toEqual(before);
    expect({ actions: d.actions.length, events: d.events.length }).toEqual(count);
  };

  it('ignores a second step.succeeded for the same step', () => {
    const d = new RunDriver(chain);
    d.succeed('a', 'first');
    unchanged(d, () => d.send({ type: 'step.succeeded', step: 'a', attempt: 1, output: 'second' }));
    expect(d.state.steps.a.output).toBe('first');
  });

  it('ignores a result after the run finished', () => {
    const d = new RunDriver(fan);
    d.succeed('plan');
    d.started('x');
    d.send({ type: 'run.cancel' });
    unchanged(d, () => d.send({ type: 'step.succeeded', step: 'x', attempt: 1, output: 'late' }));
    unchanged(d, () => d.send({ type: 'step.failed', step: 'y', attempt: 1, error: boom() }));
    unchanged(d, () => d.send({ type: 'run.cancel' }));
    unchanged(d, () => d.send({ type: 'run.timeout', error: boom('late timeout') }));
    unchanged(d, () => d.send({ type: 'run.stop', step: 'x', output: 1 }));
  });

  it('ignores events for a step that is not running (pending, skipped or unknown)', () => {
    const d = new RunDriver(routed);
    unchanged(d, () => d.send({ type: 'step.started', step: 'b', attempt: 1 }));
    unchanged(d, () => d.send({ type: 'step.succeeded', step: 'd', attempt: 1, output: 'x' }));
    unchanged(d, () => d.send({ type: 'step.failed', step: 'ghost', attempt: 1, error: boom() }));
    unchanged(d, () => d.send({ type: 'step.log', step: 'r', message: 'hi' }));
    d.succeed('a');
    d.succeed('r', 'b');
    unchanged(d, () => d.send({ type: 'step.failed', step: 'c', attempt: 1, error: boom() }));
    unchanged(d, () => d.send({ type: 'run.stop', step: 'c', output: 'x' }));
  });
});

describe('coordinator: attempts, logs and reruns', () => {
  it('emits step.retrying, counts attempts on step.started, and emits step.log', () => {
    const d = new RunDriver(chain);
    d.started('a', 1);
    d.send({ type: 'step.retrying', step: 'a', attempt: 1, error: boom('flaky'), delayMs: 250 });
    expect(d.last.events).toEqual([
      expect.objectContaining({
        type: 'step.retrying',
        step: 'a',
        attempt: 1,
        data: { error: boom('flaky'), delayMs: 250 },
      }),
    ]);
    expect(d.state.steps.a.attempts).toBe(1);
    d.started('a', 2);
    expect(d.state.steps.a).toMatchObject({ attempts: 2, startedAt: T0 + 1 });
    d.send({ type: 'step.log', step: 'a', message: 'half way', data: { pct: 50 } });
    expect(d.last.events).toEqual([
      expect.objectContaining({ type: 'step.log', step: 'a', data: { message: 'half way', data: { pct: 50 } } }),
    ]);
    expect(d.last.actions).toEqual([]);
    d.send({ type: 'step.succeeded', step: 'a', attempt: 2, output: 'ok' });
    expect(d.state.steps.a).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(d.state.steps.a.error).toBeUndefined();
    expect(d.eventTypes('a')).toEqual([
      'step.scheduled',
      'step.started',
      'step.retrying',
      'step.started',
      'step.log',
      'step.succeeded',
    ]);
    expect(d.events.map((e) => e.seq)).toEqual(d.events.map((_, i) => i + 1));
  });

  it('a rerun keeps a reused step and schedules its dependents', () => {
    const d = new RunDriver(chain, { reuse: { a: succeededSnapshot('a', 'kept') }, rerunOf: 'run-0' });
    expect(d.last.actions).toEqual([{ type: 'run-step', step: 'b' }]);
    expect(d.state.steps.a).toMatchObject({ status: 'succeeded', output: 'kept' });
    expect(d.state.rerunOf).toBe('run-0');
    expect(d.events[0]).toMatchObject({ type: 'run.started', data: { rerunOf: 'run-0', reused: ['a'] } });
    expect(d.eventTypes('a')).toEqual([]);
    d.succeed('b');
    d.succeed('c', 'C');
    expect(d.state).toMatchObject({ status: 'succeeded', output: 'C' });
    expect(d.ranSteps()).toEqual(['b', 'c']);
  });

  it('a rerun reusing every step ends at once', () => {
    const graph: WorkflowGraph = chain;
    const reuse = Object.fromEntries(graph.steps.map((s) => [s.name, succeededSnapshot(s.name, s.name)]));
    const d = new RunDriver(graph, { reuse });
    expect(d.last.actions).toEqual([{ type: 'finish', status: 'succeeded', output: 'c' }]);
    expect(d.eventTypes()).toEqual(['run.started', 'run.succeeded']);
  });
});
