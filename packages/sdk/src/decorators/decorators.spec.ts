import { describe, expect, it } from 'vitest';
import { Fallback, Parallel, Retry, Route, Step, Timeout, Workflow, type StepContext } from '../index.js';
import {
  registerFallback,
  registerParallel,
  registerRetry,
  registerRoute,
  registerStep,
  registerTimeout,
  registerWorkflow,
} from '../metadata/register.js';
import { compileWorkflow, compileWorkflowDefinition } from '../graph/compile-workflow.js';
import { SupportTicketWorkflow } from '../../test/fixtures/support-ticket.workflow.js';

describe('decorators', () => {
  it('give the same graph whatever their order on a method', () => {
    const fallback = () => null;
    @Workflow({ name: 'order' })
    class StepFirst {
      @Step() a() {}
      @Step() @Parallel() @Retry(3) @Timeout(50) @Fallback(fallback) b() {}
      @Parallel() @Step() c() {}
    }
    @Workflow({ name: 'order' })
    class StepLast {
      @Step() a() {}
      @Fallback(fallback) @Timeout(50) @Retry(3) @Parallel() @Step() b() {}
      @Step() @Parallel() c() {}
    }
    @Workflow({ name: 'order' })
    class Mixed {
      @Step() a() {}
      @Retry(3) @Step() @Fallback(fallback) @Parallel() @Timeout(50) b() {}
      @Parallel() @Step() c() {}
    }
    const expected = JSON.stringify(compileWorkflow(StepFirst));
    expect(JSON.stringify(compileWorkflow(StepLast))).toBe(expected);
    expect(JSON.stringify(compileWorkflow(Mixed))).toBe(expected);
  });

  it('read @Retry(3) as { attempts: 3 } with the documented defaults', () => {
    @Workflow()
    class Shorthand {
      @Retry(3) @Step() a() {}
      @Retry({ attempts: 3 }) @Step() b() {}
      @Retry({ attempts: 4, backoff: 'fixed', delay: 10, maxDelay: 20, jitter: true }) @Step() c() {}
      @Retry({ attempts: 2, jitter: 0.25 }) @Step() d() {}
    }
    const [a, b, c, d] = compileWorkflow(Shorthand).steps;
    expect(a.retry).toEqual({ attempts: 3, backoff: 'exponential', delay: 1000, jitter: 0 });
    expect(b.retry).toEqual(a.retry);
    expect(c.retry).toEqual({ attempts: 4, backoff: 'fixed', delay: 10, maxDelay: 20, jitter: 1 });
    expect(d.retry).toEqual({ attempts: 2, backoff: 'exponential', delay: 1000, jitter: 0.25 });
  });

  it('compile @Parallel({ forEach, concurrency }) to a forEach node whose item function reaches the runtime', () => {
    const queries = (ctx: StepContext<unknown, { plan: { queries: string[] } }>) => ctx.results.plan.queries;
    @Workflow()
    class Research {
      @Step() plan() {
        return { queries: ['a', 'b'] };
      }
      @Parallel({ forEach: queries, concurrency: 2 }) @Retry(2) @Step() search() {}
      @Parallel({ forEach: () => [1, 2, 3] }) @Step() unbounded() {}
      @Step() summarize() {}
    }
    const compiled = compileWorkflowDefinition(Research);
    const [, search, unbounded, summarize] = compiled.graph.steps;
    expect(search).toMatchObject({ name: 'search', kind: 'forEach', dependsOn: ['plan'], concurrency: 2 });
    expect(search.group).toBeUndefined();
    expect(unbounded).toMatchObject({ kind: 'forEach', dependsOn: ['search'] });
    expect(unbounded).not.toHaveProperty('concurrency');
    expect(summarize.dependsOn).toEqual(['unbounded']);
    expect(compiled.steps.search.forEach).toBe(queries);
  });

  it('hand fallbacks and retryIf to the runtime, by function or by method name', () => {
    const retryIf = (error: unknown) => !(error instanceof TypeError);
    const fn = () => 'safe';
    @Workflow()
    class Recovering {
      @Retry({ attempts: 2, retryIf }) @Fallback(fn) @Step() a() {}
      @Fallback('safeReply') @Step() b() {}
      safeReply() {
        return 'sorry';
      }
    }
    const { steps, graph } = compileWorkflowDefinition(Recovering);
    expect(steps.a).toEqual({ name: 'a', retryIf, fallback: { kind: 'function', fn } });
    expect(steps.b).toEqual({ name: 'b', fallback: { kind: 'method', method: 'safeReply' } });
    expect(graph.steps.map((s) => s.fallback)).toEqual([true, true]);
  });

  it('are sugar over the register functions', () => {
    const fallback = () => null;
    class ByFunctions {
      classify() {}
      route() {
        return 'x';
      }
      x() {}
      y() {}
      z() {}
    }
    registerWorkflow(ByFunctions, { name: 'same' });
    registerStep(ByFunctions, 'classify');
    registerRoute(ByFunctions, 'route', ['x']);
    registerStep(ByFunctions, 'x');
    registerParallel(ByFunctions, 'y');
    registerStep(ByFunctions, 'y');
    registerRetry(ByFunctions, 'y', 2);
    registerTimeout(ByFunctions, 'y', 10);
    registerFallback(ByFunctions, 'y', fallback);
    registerParallel(ByFunctions, 'z');
    registerStep(ByFunctions, 'z');

    @Workflow({ name: 'same' })
    class ByDecorators {
      @Step() classify() {}
      @Route(['x']) route() {
        return 'x';
      }
      @Step() x() {}
      @Parallel() @Step() @Retry(2) @Timeout(10) @Fallback(fallback) y() {}
      @Parallel() @Step() z() {}
    }
    expect(compileWorkflow(ByFunctions)).toEqual(compileWorkflow(ByDecorators));
  });

  it('compile to deterministic JSON: the same class gives byte-identical output, and the version tracks the graph', () => {
    const first = JSON.stringify(compileWorkflow(SupportTicketWorkflow));
    for (let i = 0; i < 5; i++) expect(JSON.stringify(compileWorkflow(SupportTicketWorkflow))).toBe(first);
    expect(JSON.parse(first)).toEqual(compileWorkflow(SupportTicketWorkflow));

    @Workflow({ name: 'v' })
    class V1 {
      @Step() a() {}
    }
    @Workflow({ name: 'v' })
    class V1Again {
      @Step() a() {}
    }
    @Workflow({ name: 'v' })
    class V2 {
      @Retry(2) @Step() a() {}
    }
    expect(compileWorkflow(V1).version).toMatch(/^[0-9a-f]{8}$/);
    expect(compileWorkflow(V1Again).version).toBe(compileWorkflow(V1).version);
    expect(compileWorkflow(V2).version).not.toBe(compileWorkflow(V1).version);
  });

  it('inherit steps from a base class, base steps first', () => {
    class Base {
      @Step() a() {}
    }
    @Workflow()
    class Derived extends Base {
      @Step() b() {}
    }
    expect(compileWorkflow(Derived).steps.map((s) => [s.name, s.dependsOn])).toEqual([
      ['a', []],
      ['b', ['a']],
    ]);
  });
});
