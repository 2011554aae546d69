import { describe, expect, it } from 'vitest';
import { Parallel, Route, Step, Workflow } from '../index.js';
import type { Budget } from '../options/budget.js';
import { compileWorkflow } from './compile-workflow.js';
import { definitionError, onlyProblem } from './definition-errors.test-kit.js';

describe('compileWorkflow joins', () => {
  it("sets join on the node only for 'any' and 'allSettled', after the existing keys", () => {
    @Workflow()
    class Joins {
      @Parallel() @Step() a() {}
      @Parallel() @Step() b() {}
      @Step({ after: ['a', 'b'], join: 'any', description: 'First wins.' }) first() {}
      @Step({ after: ['a', 'b'], join: 'allSettled' }) settled() {}
      @Step({ after: ['a', 'b'], join: 'all' }) all() {}
      @Route(['x'], { after: ['a', 'b'], join: 'any' }) pick() {
        return 'x';
      }
      @Step() x() {}
    }
    const [, , first, settled, all, pick] = compileWorkflow(Joins).steps;
    expect(Object.keys(first)).toEqual(['name', 'kind', 'dependsOn', 'retry', 'fallback', 'description', 'join']);
    expect(first.join).toBe('any');
    expect(settled.join).toBe('allSettled');
    expect(all).not.toHaveProperty('join');
    expect(pick).toMatchObject({ kind: 'route', dependsOn: ['a', 'b'], join: 'any' });
  });

  it('rejects a join on a step without dependencies, implicit or `after: []`', () => {
    @Workflow()
    class FirstStep {
      @Step({ join: 'any' }) a() {}
      @Step() b() {}
    }
    expect(onlyProblem(FirstStep)).toBe(
      "FirstStep.a: join: 'any' has no effect on a step without dependencies; give it `after` or remove join.",
    );
    @Workflow()
    class ExplicitRoot {
      @Step() a() {}
      @Step({ after: [], join: 'allSettled' }) b() {}
    }
    expect(onlyProblem(ExplicitRoot)).toMatch(/^ExplicitRoot\.b: join: 'allSettled' has no effect/);
  });

  it('rejects join set by both @Step and @Route', () => {
    @Workflow()
    class Twice {
      @Step() a() {}
      @Step({ join: 'any' }) @Route(['c'], { join: 'any' }) b() {
        return 'c';
      }
      @Step() c() {}
    }
    expect(onlyProblem(Twice)).toBe("Twice.b: both @Step and @Route set 'join'. Set it in one place.");
  });
});

describe('compileWorkflow budgets', () => {
  it('copies the budget after the steps with keys in the order steps, tokens, costUsd', () => {
    @Workflow({ name: 'spender', budget: { costUsd: 2.5, tokens: 1000, steps: 40 } })
    class Spender {
      @Step() a() {}
    }
    const graph = compileWorkflow(Spender);
    expect(Object.keys(graph)).toEqual(['name', 'version', 'steps', 'budget']);
    expect(JSON.stringify(graph.budget)).toBe('{"steps":40,"tokens":1000,"costUsd":2.5}');

    @Workflow({ name: 'spender' })
    class Free {
      @Step() a() {}
    }
    expect(compileWorkflow(Free).version).not.toBe(graph.version);
  });

  it('leaves out a budget that sets no cap', () => {
    @Workflow({ budget: {} })
    class Empty {
      @Step() a() {}
    }
    expect(compileWorkflow(Empty)).not.toHaveProperty('budget');
  });

  it.each<[string, unknown, string]>([
    ['tokens -1', { tokens: -1 }, 'Workflow.budget.tokens must be an integer ≥ 1, got -1.'],
    ['steps 1.5', { steps: 1.5 }, 'Workflow.budget.steps must be an integer ≥ 1, got 1.5.'],
    ['costUsd 0', { costUsd: 0 }, 'Workflow.budget.costUsd must be a finite number of US dollars > 0, got 0.'],
    [
      'costUsd Infinity',
      { costUsd: Infinity },
      'Workflow.budget.costUsd must be a finite number of US dollars > 0, got null.',
    ],
    ['an unknown key', { foo: 1 }, 'Workflow.budget.foo is not an option (check its spelling).'],
    ['not an object', 5, 'Workflow.budget must be an object of caps: { steps?, tokens?, costUsd? }, got 5.'],
  ])('rejects an invalid budget: %s, naming the field', (_label, budget, expected) => {
    @Workflow({ budget: budget as Budget })
    class BadBudget {
      @Step() a() {}
    }
    expect(onlyProblem(BadBudget)).toBe(`BadBudget: ${expected}`);
  });
});

describe('option validation of loops and joins', () => {
  it.each<[string, number, string]>([
    ['0', 0, 'got 0'],
    ['1.5', 1.5, 'got 1.5'],
    ['10001', 10_001, 'got 10001'],
  ])('rejects maxIterations %s', (_label, maxIterations, got) => {
    @Workflow()
    class Options {
      @Step() write() {}
      @Route(['write', 'done'], { maxIterations }) critique() {
        return 'done';
      }
      @Step() done() {}
    }
    expect(onlyProblem(Options)).toBe(
      `Options.critique: Route.maxIterations must be an integer from 1 to 10000, ${got}.`,
    );
  });

  it("rejects join 'some' on @Step and @Route, and maxIterations on @Step", () => {
    @Workflow()
    class Options {
      @Step() a() {}
      @Step({ join: 'some' as 'any' }) b() {}
      @Route(['d'], { join: 'some' as 'any' }) c() {
        return 'd';
      }
      @Step({ maxIterations: 2 } as never) d() {}
    }
    expect(definitionError(Options).problems.map((p) => `${p.step}: ${p.message}`)).toEqual([
      `b: Step.join must be 'all', 'any' or 'allSettled', got "some".`,
      `c: Route.join must be 'all', 'any' or 'allSettled', got "some".`,
      'd: Step.maxIterations is not an option (check its spelling).',
    ]);
  });
});
