import { describe, expect, it } from 'vitest';
import { Fallback, Parallel, Retry, Route, Step, Timeout, Workflow } from '../index.js';
import { registerStep, registerWorkflow } from '../metadata/register.js';
import { definitionError, onlyProblem } from './definition-errors.test-kit.js';

describe('compileWorkflow definition errors', () => {
  it('rejects a class without @Workflow', () => {
    class Plain {
      @Step() a() {}
    }
    expect(onlyProblem(Plain)).toMatch(/^Plain: Plain has no @Workflow decorator\. Add @Workflow\(\)/);
  });

  it('rejects a class with no steps', () => {
    @Workflow()
    class Empty {
      helper() {}
    }
    expect(onlyProblem(Empty)).toBe('Empty: The workflow has no steps. Decorate at least one method with @Step().');
  });

  it('names an unknown `after` and lists the known steps', () => {
    @Workflow()
    class BadAfter {
      @Step() a() {}
      @Step({ after: 'nope' }) b() {}
    }
    expect(onlyProblem(BadAfter)).toBe("BadAfter.b: 'after' names 'nope', which is not a step. Known steps: 'a', 'b'.");
  });

  it('names an unknown route target', () => {
    @Workflow()
    class BadRoute {
      @Route(['billingAgent', 'bugAgnt']) route() {
        return 'billingAgent';
      }
      @Step() billingAgent() {}
      @Step() bugAgent() {}
    }
    expect(onlyProblem(BadRoute)).toMatch(
      /^BadRoute\.route: @Route target 'bugAgnt' is not a step\. Declare it with @Step\(\) or fix the name/,
    );
  });

  it('rejects a route with no targets, a route choosing itself, and a step targeted by two routes', () => {
    @Workflow()
    class Routes {
      @Route([]) none() {
        return '';
      }
      @Route(['self', 'x']) self() {
        return 'x';
      }
      @Route(['x']) other() {
        return 'x';
      }
      @Step() x() {}
    }
    const messages = definitionError(Routes).message;
    expect(messages).toContain('Routes.none: @Route needs at least one target');
    expect(messages).toContain('Routes.self: @Route lists the route itself as a target');
    expect(messages).toContain("Routes.other: 'x' is a target of both 'self' and 'other'");
  });

  it('prints the path of a cycle', () => {
    @Workflow()
    class Cyclic {
      @Step({ after: 'c' }) a() {}
      @Step() b() {}
      @Step() c() {}
    }
    expect(onlyProblem(Cyclic)).toBe(
      'Cyclic.a: steps depend on each other in a cycle: a → b → c → a. Remove one of these dependencies.',
    );
  });

  it('reports a step depending on itself as a cycle', () => {
    @Workflow()
    class SelfLoop {
      @Step({ after: 'a' }) a() {}
    }
    expect(onlyProblem(SelfLoop)).toContain('SelfLoop.a: steps depend on each other in a cycle: a → a.');
  });

  it.each([
    ['@Retry', Retry(2)],
    ['@Timeout', Timeout(100)],
    ['@Fallback', Fallback(() => null)],
    ['@Parallel', Parallel()],
  ])('rejects %s without @Step', (decorator, applied) => {
    @Workflow()
    class Lonely {
      @Step() a() {}
      b() {}
    }
    applied(Lonely.prototype, 'b', Object.getOwnPropertyDescriptor(Lonely.prototype, 'b')!);
    expect(onlyProblem(Lonely)).toBe(
      `Lonely.b: ${decorator} has no effect without @Step. Add @Step() (or @Route) to the method, or remove ${decorator}.`,
    );
  });

  it('rejects a fallback naming a missing method', () => {
    @Workflow()
    class NoFallback {
      @Fallback('safeReply') @Step() a() {}
    }
    expect(onlyProblem(NoFallback)).toBe(
      "NoFallback.a: @Fallback names method 'safeReply', which the class does not define. Add the method or fix the name.",
    );
  });

  it('rejects non-adjacent members of a named group', () => {
    @Workflow()
    class Split {
      @Parallel('lookups') @Step() a() {}
      @Step() b() {}
      @Parallel('lookups') @Step() c() {}
    }
    expect(onlyProblem(Split)).toBe(
      "Split.c: members of @Parallel('lookups') must be adjacent, but the group is split: 'a', 'c' are separated by other steps. Move the members next to each other.",
    );
  });

  it.each([
    ['Retry(0)', Retry(0), 'Retry.attempts must be an integer ≥ 1, got 0.'],
    ['Retry attempts 1.5', Retry({ attempts: 1.5 }), 'Retry.attempts must be an integer ≥ 1, got 1.5.'],
    [
      'Retry delay -1',
      Retry({ attempts: 2, delay: -1 }),
      'Retry.delay must be a number of milliseconds ≤ 2147483647, got -1.',
    ],
    [
      'Retry backoff',
      Retry({ attempts: 2, backoff: 'linear' as 'fixed' }),
      "Retry.backoff must be 'fixed' or 'exponential', got \"linear\".",
    ],
    [
      'Retry jitter',
      Retry({ attempts: 2, jitter: 2 }),
      'Retry.jitter must be a boolean or a number from 0 to 1, got 2.',
    ],
    ['Retry typo', Retry({ attempts: 2, delya: 5 } as never), 'Retry.delya is not an option (check its spelling).'],
    [
      'Retry maxDelay',
      Retry({ attempts: 2, delay: 500, maxDelay: 100 }),
      'Retry.maxDelay (100) must be ≥ Retry.delay (500). Raise maxDelay or lower delay.',
    ],
    ['Timeout(0)', Timeout(0), '@Timeout needs a positive number of milliseconds ≤ 2147483647, got 0.'],
    ['Timeout(NaN)', Timeout(Number.NaN), '@Timeout needs a positive number of milliseconds ≤ 2147483647, got null.'],
    [
      'concurrency 0',
      Parallel({ forEach: () => [], concurrency: 0 }),
      'Parallel.concurrency must be an integer ≥ 1, got 0.',
    ],
    [
      'concurrency without forEach',
      Parallel({ concurrency: 2 } as never),
      '@Parallel concurrency applies only to the forEach form. Add forEach, or remove concurrency.',
    ],
  ])('rejects an invalid option value: %s', (_label, applied, expected) => {
    @Workflow()
    class Options {
      a() {}
    }
    const descriptor = Object.getOwnPropertyDescriptor(Options.prototype, 'a')!;
    Step()(Options.prototype, 'a', descriptor);
    applied(Options.prototype, 'a', descriptor);
    expect(onlyProblem(Options)).toBe(`Options.a: ${expected}`);
  });

  it('rejects invalid @Workflow options, naming the field', () => {
    @Workflow({ name: 'has space', timeout: -5, output: 'missing' })
    class BadWorkflow {
      @Step() a() {}
    }
    const { message } = definitionError(BadWorkflow);
    expect(message).toContain('BadWorkflow: Workflow.name must be a name of letters, digits');
    expect(message).toContain(
      'BadWorkflow: Workflow.timeout must be a positive number of milliseconds ≤ 2147483647, got -5',
    );
    expect(message).toContain("BadWorkflow: @Workflow output names 'missing', which is not a step. Known steps: 'a'.");
  });

  it('reports a decorator applied twice, on a static method, or via a registration naming a missing method', () => {
    @Workflow()
    class Misused {
      @Retry(2) @Retry(3) @Step() a() {}
      @Step() static b() {}
    }
    registerStep(Misused, 'ghost');
    const { message } = definitionError(Misused);
    expect(message).toContain('Misused.a: @Retry is applied more than once. Keep a single @Retry.');
    expect(message).toContain('Misused.b: @Step is on a static method; steps must be instance methods.');
    expect(message).toContain('Misused.ghost: @Step names a member the class does not define.');
  });

  it('reports every problem of a class together, each naming Class.method', () => {
    @Workflow()
    class Broken {
      @Step({ after: 'missing' }) a() {}
      @Route(['nowhere']) b() {
        return 'nowhere';
      }
      @Retry(0) @Step() c() {}
      @Timeout(5) d() {}
      @Fallback('nothing') @Step() e() {}
    }
    const error = definitionError(Broken);
    expect(error.problems.map((p) => `${p.workflow}.${p.step}`)).toEqual([
      'Broken.a',
      'Broken.b',
      'Broken.c',
      'Broken.d',
      'Broken.e',
    ]);
    expect(error.message).toMatch(/^Workflow Broken has 5 problems:\n {2}- Broken\.a: 'after' names 'missing'/);
  });

  it('is also reachable without decorators through register functions', () => {
    class Registered {
      a() {}
      b() {}
    }
    registerWorkflow(Registered, { name: 'registered' });
    registerStep(Registered, 'a');
    registerStep(Registered, 'b', { after: 'zzz' });
    expect(onlyProblem(Registered)).toContain("Registered.b: 'after' names 'zzz'");
  });
});
