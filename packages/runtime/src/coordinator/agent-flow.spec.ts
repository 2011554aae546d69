import type { LoopNode } from '@baton/sdk';
import { describe, expect, it } from 'vitest';
import { boom, graphOf, node, RunDriver } from './coordinator.test-kit.js';
import { joinFailures } from './join-failures.js';

// Scenario tables for agent control flow (DESIGN §7): joins, loops, budgets. Graphs are hand-built in the
// shape the SDK compiles them to, so these rules are checked independently of the compiler.

/** plan → fast, slow (both) → pick (join any). */
const race = graphOf([
  node('plan'),
  node('fast', ['plan']),
  node('slow', ['plan']),
  node('pick', ['fast', 'slow'], { join: 'any' }),
]);

/** a, b (roots) → gather (allSettled). */
const settle = graphOf([node('a'), node('b'), node('gather', ['a', 'b'], { join: 'allSettled' })]);

const writeLoop: LoopNode = { router: 'critique', target: 'write', body: ['write', 'critique'], maxIterations: 3 };
/** plan → write → critique (route: back to write, or on to publish; ≤ 3 passes) → publish. */
const loop = graphOf(
  [
    node('plan'),
    node('write', ['plan']),
    node('critique', ['write'], {
      kind: 'route',
      routes: ['write', 'publish'],
      backTargets: ['write'],
      maxIterations: 3,
      fallback: true,
    }),
    node('publish', ['critique']),
  ],
  { loops: [writeLoop] },
);

describe("join: 'any'", () => {
  it('starts on the first success, aborts and supersedes the other dependency, and ignores its late result', () => {
    const run = new RunDriver(race);
    run.succeed('plan');
    run.started('slow');
    run.succeed('fast');
    expect(run.statuses()).toMatchObject({ fast: 'succeeded', slow: 'skipped', pick: 'running' });
    expect(run.skipReasons()).toEqual({ slow: 'superseded' });
    expect(run.aborts()).toEqual([expect.objectContaining({ step: 'slow' })]);
    const before = run.snapshot();
    run.send({ type: 'step.succeeded', step: 'slow', attempt: 1, output: 'late' });
    expect(run.state).toEqual(before);
    run.succeed('pick', 'fast-out');
    expect(run.state.status).toBe('succeeded');
    expect(run.ranSteps().filter((s) => s === 'pick')).toHaveLength(1);
  });

  it('keeps a dependency another pending step still needs', () => {
    const graph = graphOf([
      node('a'),
      node('b'),
      node('pick', ['a', 'b'], { join: 'any' }),
      node('after', ['b', 'pick']),
    ]);
    const run = new RunDriver(graph);
    run.succeed('a');
    expect(run.statuses()).toMatchObject({ b: 'running', pick: 'running' });
    expect(run.aborts()).toEqual([]);
  });

  it('tolerates a failed dependency while another can still succeed, and shows it in ctx.failures', () => {
    const run = new RunDriver(race);
    run.succeed('plan');
    run.fail('slow', boom('model down'));
    expect(run.state.status).toBe('running');
    run.succeed('fast');
    expect(run.statuses().pick).toBe('running');
    expect(joinFailures(race, run.state.steps, 'pick')).toEqual({ slow: boom('model down') });
  });

  it('fails the run naming the dependency when every dependency failed', () => {
    const run = new RunDriver(race);
    run.succeed('plan');
    run.fail('fast', boom('first'));
    expect(run.state.status).toBe('running');
    run.fail('slow', boom('second'));
    expect(run.state.status).toBe('failed');
    expect(run.state.error).toMatchObject({ code: 'STEP_FAILED', message: expect.stringContaining('second') });
    expect(run.skipReasons()).toEqual({ pick: 'failed' });
  });
});

describe("join: 'allSettled'", () => {
  it('starts once every dependency settled, whatever its outcome, and the run succeeds', () => {
    const run = new RunDriver(settle);
    run.fail('a', boom('source down'));
    expect(run.statuses().gather).toBe('pending');
    run.succeed('b');
    expect(run.statuses().gather).toBe('running');
    expect(joinFailures(settle, run.state.steps, 'gather')).toEqual({ a: boom('source down') });
    run.succeed('gather');
    expect(run.state.status).toBe('succeeded');
    expect(run.state.steps.a.status).toBe('failed');
  });

  it('is skipped when every dependency was skipped', () => {
    const graph = graphOf([
      node('r', [], { kind: 'route', routes: ['a', 'b', 'c'] }),
      node('a', ['r']),
      node('b', ['r']),
      node('c', ['r']),
      node('gather', ['a', 'b'], { join: 'allSettled' }),
    ]);
    const run = new RunDriver(graph);
    run.succeed('r', 'c');
    expect(run.skipReasons()).toMatchObject({ a: 'route', b: 'route', gather: 'upstream' });
  });

  it('does not save a failure that another dependent does not tolerate', () => {
    const graph = graphOf([node('a'), node('b'), node('x', ['a', 'b'], { join: 'allSettled' }), node('y', ['a'])]);
    const run = new RunDriver(graph);
    run.fail('a');
    expect(run.state.status).toBe('failed');
  });

  it('lets a forEach step finish its other items when a failed item is tolerated, keeping their outputs', () => {
    const graph = graphOf([
      node('search', [], { kind: 'forEach' }),
      node('collect', ['search'], { join: 'allSettled' }),
    ]);
    const run = new RunDriver(graph);
    run.expanded('search', 3);
    run.succeed('search', 'r0', 0);
    run.fail('search', boom('source 1 down'), 1);
    expect(run.aborts()).toEqual([]);
    run.succeed('search', 'r2', 2);
    expect(run.state.steps.search).toMatchObject({ status: 'failed', output: ['r0', null, 'r2'] });
    expect(run.statuses().collect).toBe('running');
    run.succeed('collect');
    expect(run.state.status).toBe('succeeded');
  });
});

describe('loops', () => {
  it('starts a new pass when the route chooses its back target, tagging events with the pass', () => {
    const run = new RunDriver(loop);
    run.succeed('plan');
    run.succeed('write', 'draft 1');
    run.succeed('critique', 'write');
    expect(run.state.steps.write).toMatchObject({ status: 'running', iteration: 2, output: 'draft 1' });
    expect(run.state.steps.critique).toMatchObject({ status: 'pending', iteration: 2 });
    expect(run.statuses().publish).toBe('pending');
    expect(run.last.touched).toEqual(['write', 'critique']);
    expect(run.events.find((e) => e.type === 'loop.iteration')).toMatchObject({
      step: 'critique',
      iteration: 2,
      data: { target: 'write', iteration: 2, body: ['write', 'critique'] },
    });
    expect(run.actions.filter((a) => a.type === 'run-step' && a.step === 'write')).toEqual([
      { type: 'run-step', step: 'write' },
      { type: 'run-step', step: 'write', iteration: 2 },
    ]);
    run.succeed('write', 'draft 2');
    run.succeed('critique', 'publish');
    run.succeed('publish', 'published');
    expect(run.state.status).toBe('succeeded');
    const writes = run.events.filter((e) => e.step === 'write' && e.type === 'step.succeeded');
    expect(writes.map((e) => [e.iteration, e.data])).toEqual([
      [1, { output: 'draft 1' }],
      [2, { output: 'draft 2' }],
    ]);
    expect(run.events.filter((e) => e.step === 'plan').every((e) => e.iteration === undefined)).toBe(true);
  });

  it('fails the route when it chooses its back target together with another target', () => {
    const run = new RunDriver(loop);
    run.succeed('plan');
    run.succeed('write');
    run.succeed('critique', ['write', 'publish']);
    expect(run.state.status).toBe('failed');
    expect(run.state.steps.critique.error).toMatchObject({
      code: 'ROUTE',
      message: expect.stringContaining("'write' starts a new pass of its loop, so it must be chosen alone"),
    });
  });

  it("ignores a late result of an earlier pass's attempt", () => {
    const run = new RunDriver(loop);
    run.succeed('plan');
    run.succeed('write');
    run.succeed('critique', 'write');
    const before = run.snapshot();
    run.send({ type: 'step.succeeded', step: 'write', attempt: 1, output: 'stale', iteration: 1 });
    expect(run.state).toEqual(before);
  });

  it('fails the route with LoopLimitError when it loops back once more than maxIterations allows', () => {
    const run = new RunDriver(loop);
    run.succeed('plan');
    for (let pass = 1; pass <= 3; pass++) {
      run.succeed('write');
      run.succeed('critique', 'write');
    }
    expect(run.state.status).toBe('failed');
    expect(run.state.steps.critique.error).toMatchObject({
      code: 'LOOP_LIMIT',
      details: { target: 'write', maxIterations: 3 },
    });
    expect(run.events.filter((e) => e.type === 'loop.iteration')).toHaveLength(2);
  });

  it("goes on with a fallback's exit target after the limit", () => {
    const run = new RunDriver(loop);
    run.succeed('plan');
    for (let pass = 1; pass <= 2; pass++) {
      run.succeed('write');
      run.succeed('critique', 'write');
    }
    run.succeed('write');
    run.recover('critique', 'publish', { name: 'LoopLimitError', message: 'limit', code: 'LOOP_LIMIT' });
    expect(run.statuses().publish).toBe('running');
    expect(run.state.steps.critique.iteration).toBe(3);
  });
});

describe('budgets', () => {
  const chain = (budget: object) => graphOf([node('a'), node('b', ['a']), node('c', ['b'])], { budget: budget });

  it('fails the run with BudgetExceededError before an execution would cross the steps cap', () => {
    const run = new RunDriver(chain({ steps: 2 }));
    run.succeed('a');
    run.succeed('b');
    expect(run.state.status).toBe('failed');
    expect(run.state.error).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      details: { budget: 'steps', cap: 2, spent: 3 },
    });
    expect(run.skipReasons()).toEqual({ c: 'budget' });
    expect(run.state.usage).toEqual({ steps: 2 });
  });

  it('adds usage per step and run, emits step.usage, and fails once tokens cross the cap', () => {
    const run = new RunDriver(chain({ tokens: 100 }));
    run.started('a');
    run.send({ type: 'step.succeeded', step: 'a', attempt: 1, output: 1, usage: { tokens: 60, costUsd: 0.1 } });
    expect(run.state.status).toBe('running');
    expect(run.events.find((e) => e.type === 'step.usage')).toMatchObject({
      step: 'a',
      data: { usage: { tokens: 60, costUsd: 0.1 } },
    });
    run.started('b');
    run.send({ type: 'step.retrying', step: 'b', attempt: 1, error: boom(), delayMs: 0, usage: { tokens: 20 } });
    expect(run.state.status).toBe('running');
    run.send({ type: 'step.succeeded', step: 'b', attempt: 2, output: 2, usage: { tokens: 30, costUsd: 0.2 } });
    expect(run.state.steps.b).toMatchObject({ status: 'succeeded', usage: { tokens: 50, costUsd: 0.2 } });
    expect(run.state.usage).toEqual({ steps: 2, tokens: 110, costUsd: 0.3 });
    expect(run.state.status).toBe('failed');
    expect(run.state.error).toMatchObject({ details: { budget: 'tokens', cap: 100, spent: 110 } });
    expect(run.skipReasons()).toEqual({ c: 'budget' });
  });

  it('counts forEach items and loop passes as step executions', () => {
    const items = graphOf([node('each', [], { kind: 'forEach' })], { budget: { steps: 2 } });
    const fan = new RunDriver(items);
    fan.expanded('each', 3);
    // The run fails in the transition that would start the third item: the first two, never started, are taken back.
    expect(fan.state.status).toBe('failed');
    expect(fan.state.error).toMatchObject({ details: { budget: 'steps', cap: 2, spent: 3 } });
    expect(fan.ranSteps()).toEqual([]);
    expect(fan.aborts()).toEqual([]);

    const passes = new RunDriver({ ...loop, budget: { steps: 4 } });
    passes.succeed('plan');
    passes.succeed('write');
    passes.succeed('critique', 'write');
    expect(passes.state.status).toBe('running');
    passes.succeed('write');
    expect(passes.state.status).toBe('failed');
    expect(passes.state.error).toMatchObject({ details: { budget: 'steps', cap: 4, spent: 5 } });
  });
});
