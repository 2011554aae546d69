import type { LoopNode, StepNode, WorkflowGraph } from '@baton/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CoordinatorAction } from './coordinator-action.js';
import { boom, graphOf, node, RunDriver } from './coordinator.test-kit.js';

/**
 * Property: whatever a loop's shape (a chain of 1..4 body steps before its route, a step before and after),
 * its cap, the route's choices, failures, stale results of earlier passes and the order of work, the
 * coordinator:
 * - runs at most `maxIterations` passes, and each body step at most once per pass;
 * - records one `loop.iteration` per new pass, numbered 2, 3, …, and tags every body event with its pass;
 * - ignores results of an earlier pass (the state does not change);
 * - fails the route with `LOOP_LIMIT` when it loops back on the last pass (or publishes, with a fallback);
 * - always ends the run, and `publish` runs only after the route chose it.
 */

/** pre → b0 … b{n-1} → route (back to b0, or on to publish) → publish. */
function loopGraph(bodyLength: number, maxIterations: number, fallback: boolean): WorkflowGraph {
  const body = Array.from({ length: bodyLength }, (_, i) => `b${i}`);
  const steps: StepNode[] = [node('pre')];
  body.forEach((name, i) => steps.push(node(name, [i === 0 ? 'pre' : body[i - 1]])));
  steps.push(
    node('route', [body.at(-1)!], {
      kind: 'route',
      routes: ['b0', 'publish'],
      backTargets: ['b0'],
      maxIterations,
      fallback,
    }),
  );
  steps.push(node('publish', ['route']));
  const loop: LoopNode = { router: 'route', target: 'b0', body: [...body, 'route'], maxIterations };
  return graphOf(steps, { name: 'loop', loops: [loop] });
}

const runSteps = (actions: CoordinatorAction[]) =>
  actions.filter((a): a is Extract<CoordinatorAction, { type: 'run-step' }> => a.type === 'run-step');

describe('loop properties', () => {
  it('bounds passes, tags events, ignores stale passes and always ends', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.array(fc.nat({ max: 99 }), { minLength: 60, maxLength: 60 }),
        (bodyLength, maxIterations, fallback, rolls) => {
          const graph = loopGraph(bodyLength, maxIterations, fallback);
          const run = new RunDriver(graph);
          let roll = 0;
          const next = (): number => rolls[roll++ % rolls.length];
          const stale: Array<{ step: string; iteration: number }> = [];
          for (let turn = 0; turn < 200 && run.state.status === 'running'; turn++) {
            const running = Object.values(run.state.steps).filter((s) => s.status === 'running');
            expect(running, 'a running run always has work in flight').not.toHaveLength(0);
            const step = running[next() % running.length];
            const pass = step.iteration ?? 1;
            if (step.name === 'route') {
              const back = next() < 60;
              const choice = back ? 'b0' : 'publish';
              if (back && pass >= maxIterations && fallback) {
                // What the executor does: the LoopLimitError goes to the fallback, which publishes.
                run.recover('route', 'publish', { name: 'LoopLimitError', message: 'limit', code: 'LOOP_LIMIT' });
              } else run.succeed('route', choice);
              if (back && pass < maxIterations) stale.push({ step: 'b0', iteration: pass });
            } else if (next() < 5) {
              run.fail(step.name, boom('broke'));
            } else run.succeed(step.name, `${step.name}@${pass}`);
            if (stale.length > 0 && next() < 30) {
              const late = stale[next() % stale.length];
              const before = run.snapshot();
              run.send({
                type: 'step.succeeded',
                step: late.step,
                attempt: 1,
                output: 'stale',
                iteration: late.iteration,
              });
              expect(run.state, 'a result of an earlier pass changed the run').toEqual(before);
            }
          }
          expect(run.state.status, 'the run ended').not.toBe('running');

          const passes = run.events.filter((e) => e.type === 'loop.iteration');
          expect(passes.map((e) => e.iteration)).toEqual(passes.map((_, i) => i + 2));
          expect(passes.length + 1).toBeLessThanOrEqual(maxIterations);
          for (const name of ['route', ...graph.loops![0].body]) {
            const runs = runSteps(run.actions).filter((a) => a.step === name);
            expect(runs.length, `${name} ran more than once per pass`).toBeLessThanOrEqual(passes.length + 1);
            expect(runs.map((a) => a.iteration ?? 1)).toEqual(runs.map((_, i) => i + 1));
            const events = run.events.filter((e) => e.step === name);
            expect(events.every((e) => typeof e.iteration === 'number')).toBe(true);
          }
          expect(run.events.filter((e) => e.step === 'pre' || e.step === 'publish').every((e) => !e.iteration)).toBe(
            true,
          );
          const published = runSteps(run.actions).filter((a) => a.step === 'publish');
          expect(published.length).toBeLessThanOrEqual(1);
          if (published.length === 1) expect(run.state.steps.route.output).toBe('publish');
          if (run.state.steps.route.error?.code === 'LOOP_LIMIT' && !fallback) {
            expect(run.state.status).toBe('failed');
            expect(passes.length + 1).toBe(maxIterations);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
