import { describe, expect, it } from 'vitest';
import { transition } from './coordinator.js';
import { RunDriver, graphOf, node } from './coordinator.test-kit.js';
import { migrateRun, planMigration, recordedGraph } from './graph-migration.js';

const v1 = graphOf([node('a'), node('b', ['a']), node('c', ['b'])], { version: 'v1' });
const kindsOf = (graph: typeof v1) => Object.fromEntries(graph.steps.map((n) => [n.name, n.kind]));

describe('planMigration: can a run recorded under one graph version go on under another', () => {
  const table = [
    { why: 'the same version', graph: v1, after: [], expect: { kind: 'same' } },
    {
      why: 'a step added after the run position (its dependency has not settled)',
      graph: graphOf([node('a'), node('b', ['a']), node('c', ['b']), node('d', ['c'])], { version: 'v2' }),
      after: ['a'],
      expect: { kind: 'compatible', added: ['d'] },
    },
    {
      why: 'a step renamed',
      graph: graphOf([node('a'), node('b', ['a']), node('c2', ['b'])], { version: 'v2' }),
      after: ['a'],
      expect: { kind: 'incompatible', problems: ['c: missing (renamed or removed)'] },
    },
    {
      why: 'a step whose kind changed',
      graph: graphOf([node('a'), node('b', ['a'], { kind: 'forEach' }), node('c', ['b'])], { version: 'v2' }),
      after: ['a'],
      expect: { kind: 'incompatible', problems: ['b: was a step, is now a forEach'] },
    },
    {
      why: 'a step added after one the run has settled',
      graph: graphOf([node('a'), node('b', ['a']), node('c', ['b']), node('late', ['a'])], { version: 'v2' }),
      after: ['a'],
      expect: { kind: 'incompatible', problems: ['late: added after a, which the run has already settled'] },
    },
    {
      why: 'a first step added to a started run',
      graph: graphOf([node('zero'), node('a'), node('b', ['a']), node('c', ['b'])], { version: 'v2' }),
      after: [],
      expect: { kind: 'incompatible', problems: ['zero: added as a first step, but the run has started'] },
    },
  ];

  for (const row of table) {
    it(row.why, () => {
      const d = new RunDriver(v1);
      for (const step of row.after) d.succeed(step);
      expect(planMigration(d.state, row.graph, kindsOf(v1))).toEqual(row.expect);
    });
  }

  it('a migrated run continues under the new graph and runs the added step', () => {
    const v2 = graphOf([node('a'), node('b', ['a']), node('c', ['b']), node('d', ['c'])], { version: 'v2' });
    const d = new RunDriver(v1);
    d.succeed('a');
    const plan = planMigration(d.state, v2, kindsOf(v1));
    if (plan.kind !== 'compatible') throw new Error('expected a compatible plan');
    migrateRun(d.state, v2, plan.added);
    expect(d.state.version).toBe('v2');
    let t = transition(v2, d.state, { type: 'step.succeeded', at: 1, step: 'b', attempt: 1, output: 1 });
    t = transition(v2, t.state, { type: 'step.succeeded', at: 2, step: 'c', attempt: 1, output: 2 });
    expect(t.actions).toEqual([{ type: 'run-step', step: 'd' }]);
  });

  it('recordedGraph lets the coordinator fail a run the new graph cannot describe', () => {
    const d = new RunDriver(v1);
    d.succeed('a');
    const error = { name: 'WorkflowVersionError', message: 'c: missing', code: 'WORKFLOW_VERSION' };
    const t = transition(recordedGraph(v1, d.state, kindsOf(v1)), d.state, { type: 'run.fail', at: 3, error });
    expect(t.state).toMatchObject({ status: 'failed', error });
    expect(t.state.steps.b).toMatchObject({ status: 'failed' });
    expect(t.state.steps.c).toMatchObject({ status: 'skipped', skipReason: 'failed' });
  });
});
