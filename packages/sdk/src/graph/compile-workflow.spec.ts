import { describe, expect, it } from 'vitest';
import { Parallel, Route, Step, Workflow } from '../index.js';
import { compileWorkflow } from './compile-workflow.js';
import { SupportTicketWorkflow } from '../../test/fixtures/support-ticket.workflow.js';
import type { WorkflowGraph } from './workflow-graph.js';

/** `{ step: dependsOn }` for every step, in declaration order. */
const deps = (graph: WorkflowGraph) => Object.fromEntries(graph.steps.map((s) => [s.name, s.dependsOn]));

describe('compileWorkflow sequencing', () => {
  it('chains steps without `after` in declaration order, the first being a root', () => {
    @Workflow()
    class Chain {
      @Step() a() {}
      @Step() b() {}
      @Step() c() {}
    }
    expect(deps(compileWorkflow(Chain))).toEqual({ a: [], b: ['a'], c: ['b'] });
  });

  it('lets explicit `after` win, including `after: []` for a root', () => {
    @Workflow()
    class Explicit {
      @Step() a() {}
      @Step() b() {}
      @Step({ after: [] }) c() {}
      @Step({ after: 'a' }) d() {}
      @Step({ after: ['d', 'b'] }) e() {}
      @Step() f() {}
    }
    expect(deps(compileWorkflow(Explicit))).toEqual({ a: [], b: ['a'], c: [], d: ['a'], e: ['b', 'd'], f: ['e'] });
  });

  it("makes consecutive @Parallel() steps one group that shares the first member's dependencies (fan-out, fan-in)", () => {
    @Workflow()
    class FanOut {
      @Step() plan() {}
      @Parallel() @Step() x() {}
      @Parallel() @Step() y() {}
      @Parallel() @Step() z() {}
      @Step() merge() {}
    }
    const graph = compileWorkflow(FanOut);
    expect(deps(graph)).toEqual({ plan: [], x: ['plan'], y: ['plan'], z: ['plan'], merge: ['x', 'y', 'z'] });
    expect(new Set(graph.steps.filter((s) => 'xyz'.includes(s.name)).map((s) => s.group))).toEqual(
      new Set(['parallel:x']),
    );
  });

  it('splits unnamed parallel runs separated by a step into two groups', () => {
    @Workflow()
    class TwoGroups {
      @Parallel() @Step() a() {}
      @Parallel() @Step() b() {}
      @Step() mid() {}
      @Parallel() @Step() c() {}
      @Parallel() @Step() d() {}
      @Step() end() {}
    }
    const graph = compileWorkflow(TwoGroups);
    expect(deps(graph)).toEqual({ a: [], b: [], mid: ['a', 'b'], c: ['mid'], d: ['mid'], end: ['c', 'd'] });
    expect(graph.steps.map((s) => s.group)).toEqual([
      'parallel:a',
      'parallel:a',
      undefined,
      'parallel:c',
      'parallel:c',
      undefined,
    ]);
  });

  it('keeps adjacent named groups apart', () => {
    @Workflow()
    class Named {
      @Step() start() {}
      @Parallel('left') @Step() l1() {}
      @Parallel('left') @Step() l2() {}
      @Parallel({ name: 'right' }) @Step() r1() {}
      @Parallel('right') @Step() r2() {}
      @Step() done() {}
    }
    const graph = compileWorkflow(Named);
    expect(deps(graph)).toEqual({
      start: [],
      l1: ['start'],
      l2: ['start'],
      r1: ['l1', 'l2'],
      r2: ['l1', 'l2'],
      done: ['r1', 'r2'],
    });
    expect(graph.steps.map((s) => s.group)).toEqual([undefined, 'left', 'left', 'right', 'right', undefined]);
  });

  it("lets a group member with explicit `after` keep it while the others share the first member's", () => {
    @Workflow()
    class Mixed {
      @Step() a() {}
      @Step() b() {}
      @Parallel() @Step() x() {}
      @Parallel() @Step({ after: 'a' }) y() {}
      @Step() z() {}
    }
    expect(deps(compileWorkflow(Mixed))).toEqual({ a: [], b: ['a'], x: ['b'], y: ['a'], z: ['x', 'y'] });
  });

  it('makes route targets depend on their route, and a run of targets one block', () => {
    @Workflow()
    class Routed {
      @Step() classify() {}
      @Route(['left', 'right']) route() {
        return 'left';
      }
      @Step() left() {}
      @Step() right() {}
      @Step() after() {}
    }
    const graph = compileWorkflow(Routed);
    expect(deps(graph)).toEqual({
      classify: [],
      route: ['classify'],
      left: ['route'],
      right: ['route'],
      after: ['left', 'right'],
    });
    expect(graph.steps[1]).toMatchObject({ kind: 'route', routes: ['left', 'right'] });
  });

  it('keeps a route target dependent on its route even when it has explicit `after`', () => {
    @Workflow()
    class TargetAfter {
      @Step() prep() {}
      @Route(['a', 'b']) pick() {
        return 'a';
      }
      @Step({ after: 'prep' }) a() {}
      @Step() b() {}
    }
    expect(deps(compileWorkflow(TargetAfter))).toEqual({ prep: [], pick: ['prep'], a: ['prep', 'pick'], b: ['pick'] });
  });

  it('treats targets separated by another step as separate blocks', () => {
    @Workflow()
    class Split {
      @Route(['a', 'c']) pick() {
        return 'a';
      }
      @Step() a() {}
      @Step() b() {}
      @Step() c() {}
      @Step() d() {}
    }
    expect(deps(compileWorkflow(Split))).toEqual({ pick: [], a: ['pick'], b: ['a'], c: ['pick'], d: ['c'] });
  });

  it('compiles the support-ticket workflow of DESIGN.md §2', () => {
    const graph = compileWorkflow(SupportTicketWorkflow);
    expect(deps(graph)).toEqual({
      classify: [],
      route: ['classify'],
      billingAgent: ['route'],
      bugAgent: ['route'],
      accountLookup: ['billingAgent', 'bugAgent'],
      kbSearch: ['billingAgent', 'bugAgent'],
      draft: ['accountLookup', 'kbSearch'],
    });
    expect(graph).toMatchObject({ name: 'support-ticket', input: 'TicketInput', timeoutMs: 60_000 });
    expect(graph.steps.find((s) => s.name === 'accountLookup')).toEqual({
      name: 'accountLookup',
      kind: 'step',
      dependsOn: ['billingAgent', 'bugAgent'],
      group: 'parallel:accountLookup',
      retry: { attempts: 2, backoff: 'exponential', delay: 1000, jitter: 0 },
      timeoutMs: 2000,
      fallback: true,
    });
    expect(graph.steps.find((s) => s.name === 'draft')).toEqual({
      name: 'draft',
      kind: 'step',
      dependsOn: ['accountLookup', 'kbSearch'],
      retry: { attempts: 1, backoff: 'exponential', delay: 1000, jitter: 0 },
      fallback: false,
    });
  });

  it('uses the class name when @Workflow has no name, and the given output and version', () => {
    @Workflow({ output: 'a', version: '2024-01', description: 'Does a.' })
    class Unnamed {
      @Step() a() {}
    }
    expect(compileWorkflow(Unnamed)).toEqual({
      name: 'Unnamed',
      version: '2024-01',
      description: 'Does a.',
      output: 'a',
      steps: [
        {
          name: 'a',
          kind: 'step',
          dependsOn: [],
          retry: { attempts: 1, backoff: 'exponential', delay: 1000, jitter: 0 },
          fallback: false,
        },
      ],
    });
  });
});
