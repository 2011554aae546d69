import { describe, expect, it } from 'vitest';
import { Route, Step, Workflow } from '../index.js';
import { registerRoute, registerStep, registerWorkflow } from '../metadata/register.js';
import { compileWorkflow } from './compile-workflow.js';
import { findCycles } from './find-cycles.js';
import { EssayWorkflow } from '../../test/fixtures/essay.workflow.js';
import type { WorkflowGraph } from './workflow-graph.js';

/** `{ step: dependsOn }` for every step, in declaration order. */
const deps = (graph: WorkflowGraph) => Object.fromEntries(graph.steps.map((s) => [s.name, s.dependsOn]));
const step = (graph: WorkflowGraph, name: string) => graph.steps.find((s) => s.name === name)!;
const RETRY = { attempts: 1, backoff: 'exponential', delay: 1000, jitter: 0 };

describe('compileWorkflow loops', () => {
  it('compiles a back edge into backTargets, maxIterations and a loop whose body is in declaration order', () => {
    const graph = compileWorkflow(EssayWorkflow);
    expect(deps(graph)).toEqual({
      brief: [],
      write: ['brief'],
      score: ['write'],
      critique: ['score'],
      publish: ['critique'],
      notify: ['publish'],
    });
    expect(JSON.stringify(step(graph, 'critique'))).toBe(
      JSON.stringify({
        name: 'critique',
        kind: 'route',
        dependsOn: ['score'],
        routes: ['write', 'publish'],
        retry: RETRY,
        fallback: false,
        maxIterations: 3,
        backTargets: ['write'],
      }),
    );
    expect(step(graph, 'write')).toEqual({
      name: 'write',
      kind: 'step',
      dependsOn: ['brief'],
      retry: RETRY,
      fallback: false,
    });
    expect(graph.loops).toEqual([
      { router: 'critique', target: 'write', body: ['write', 'score', 'critique'], maxIterations: 3 },
    ]);
    expect(Object.keys(graph)).toEqual(['name', 'version', 'steps', 'loops', 'budget']);
    expect(
      findCycles(
        graph.steps.map((s) => s.name),
        new Map(graph.steps.map((s) => [s.name, s.dependsOn])),
      ),
    ).toEqual([]);
  });

  it('lists a body in declaration order even when `after` points forward', () => {
    @Workflow()
    class Forward {
      @Step() write() {}
      @Route(['write', 'done'], { maxIterations: 2, after: 'check' }) critique() {
        return 'done';
      }
      @Step({ after: 'write' }) check() {}
      @Step() done() {}
    }
    const graph = compileWorkflow(Forward);
    expect(deps(graph)).toEqual({ write: [], critique: ['check'], check: ['write'], done: ['critique'] });
    expect(graph.loops).toEqual([
      { router: 'critique', target: 'write', body: ['write', 'critique', 'check'], maxIterations: 2 },
    ]);
  });

  it('keeps a back target’s own dependencies (implicit or `after`) and never makes it depend on its route', () => {
    @Workflow()
    class Keeps {
      @Step() plan() {}
      @Step({ after: [] }) research() {}
      @Step({ after: ['plan', 'research'] }) write() {}
      @Route(['write', 'publish'], { maxIterations: 4 }) critique() {
        return 'publish';
      }
      @Step() publish() {}
    }
    const graph = compileWorkflow(Keeps);
    expect(deps(graph)).toEqual({
      plan: [],
      research: [],
      write: ['plan', 'research'],
      critique: ['write'],
      publish: ['critique'],
    });
    expect(graph.loops?.[0].body).toEqual(['write', 'critique']);
  });

  it('sequences consecutive back targets one after the other (they are not one block), each its own loop', () => {
    @Workflow()
    class TwoBack {
      @Step() a() {}
      @Step() b() {}
      @Route(['b', 'a', 'out'], { maxIterations: 2 }) r() {
        return 'out';
      }
      @Step() out() {}
      @Step() last() {}
    }
    const graph = compileWorkflow(TwoBack);
    expect(deps(graph)).toEqual({ a: [], b: ['a'], r: ['b'], out: ['r'], last: ['out'] });
    expect(step(graph, 'r').backTargets).toEqual(['a', 'b']);
    expect(graph.loops).toEqual([
      { router: 'r', target: 'a', body: ['a', 'b', 'r'], maxIterations: 2 },
      { router: 'r', target: 'b', body: ['b', 'r'], maxIterations: 2 },
    ]);
  });

  it('makes the steps after a run of forward targets depend on that run, as without loops', () => {
    @Workflow()
    class Exits {
      @Step() write() {}
      @Route(['write', 'accept', 'reject'], { maxIterations: 5 }) critique() {
        return 'accept';
      }
      @Step() accept() {}
      @Step() reject() {}
      @Step() report() {}
    }
    const graph = compileWorkflow(Exits);
    expect(deps(graph)).toEqual({
      write: [],
      critique: ['write'],
      accept: ['critique'],
      reject: ['critique'],
      report: ['accept', 'reject'],
    });
    expect(step(graph, 'critique')).toMatchObject({ routes: ['write', 'accept', 'reject'], backTargets: ['write'] });
  });

  it('compiles nested loops, listed in route declaration order', () => {
    @Workflow()
    class Nested {
      @Step() plan() {}
      @Step() outline() {}
      @Step() write() {}
      @Route(['write', 'review'], { maxIterations: 3 }) critique() {
        return 'review';
      }
      @Step() review() {}
      @Route(['outline', 'publish'], { maxIterations: 2 }) approve() {
        return 'publish';
      }
      @Step() publish() {}
    }
    const graph = compileWorkflow(Nested);
    expect(deps(graph)).toEqual({
      plan: [],
      outline: ['plan'],
      write: ['outline'],
      critique: ['write'],
      review: ['critique'],
      approve: ['review'],
      publish: ['approve'],
    });
    expect(graph.loops).toEqual([
      { router: 'critique', target: 'write', body: ['write', 'critique'], maxIterations: 3 },
      {
        router: 'approve',
        target: 'outline',
        body: ['outline', 'write', 'critique', 'review', 'approve'],
        maxIterations: 2,
      },
    ]);
  });

  it('accepts loop options through registerRoute, giving the same graph as @Route', () => {
    class ByFunctions {
      write() {}
      critique() {
        return 'done';
      }
      done() {}
    }
    registerWorkflow(ByFunctions, { name: 'loop' });
    registerStep(ByFunctions, 'write');
    registerRoute(ByFunctions, 'critique', ['write', 'done'], { maxIterations: 2 });
    registerStep(ByFunctions, 'done');
    @Workflow({ name: 'loop' })
    class ByDecorators {
      @Step() write() {}
      @Route(['write', 'done'], { maxIterations: 2 }) critique() {
        return 'done';
      }
      @Step() done() {}
    }
    expect(JSON.stringify(compileWorkflow(ByFunctions))).toBe(JSON.stringify(compileWorkflow(ByDecorators)));
    expect(compileWorkflow(ByFunctions).loops).toHaveLength(1);
  });
});
