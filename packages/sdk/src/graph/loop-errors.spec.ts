import { describe, expect, it } from 'vitest';
import { Route, Step, Workflow } from '../index.js';
import { onlyProblem, problemLines } from './definition-errors.test-kit.js';

describe('compileWorkflow loop errors', () => {
  it('requires maxIterations on a route with a back edge, naming the route and the fix', () => {
    @Workflow()
    class NoCap {
      @Step() write() {}
      @Route(['write', 'publish']) critique() {
        return 'publish';
      }
      @Step() publish() {}
    }
    expect(onlyProblem(NoCap)).toBe(
      "NoCap.critique: route 'critique' loops back to 'write' (declared before it), so its passes need a cap: " +
        "set @Route(['write', 'publish'], { maxIterations: n }). To route forward instead, declare 'write' after 'critique'.",
    );
  });

  it('rejects maxIterations on a route without a back edge', () => {
    @Workflow()
    class NoLoop {
      @Route(['a', 'b'], { maxIterations: 2 }) pick() {
        return 'a';
      }
      @Step() a() {}
      @Step() b() {}
    }
    expect(onlyProblem(NoLoop)).toBe(
      "NoLoop.pick: maxIterations has no effect: route 'pick' has no back edge (none of its targets is declared before it). " +
        'Remove maxIterations, or declare the target to loop back to before the route.',
    );
  });

  it('reports a misspelt back target once, not also as maxIterations without a loop', () => {
    @Workflow()
    class Typo {
      @Step() write() {}
      @Route(['wrte', 'publish'], { maxIterations: 2 }) critique() {
        return 'publish';
      }
      @Step() publish() {}
    }
    expect(onlyProblem(Typo)).toMatch(/^Typo\.critique: @Route target 'wrte' is not a step\./);
  });

  it('rejects a back target the route does not depend on (nothing connects them)', () => {
    @Workflow()
    class Apart {
      @Step() draft() {}
      @Route(['draft', 'done'], { maxIterations: 2, after: [] }) critique() {
        return 'done';
      }
      @Step() done() {}
    }
    expect(onlyProblem(Apart)).toBe(
      "Apart.critique: route 'critique' lists 'draft', declared before it, but does not depend on it (directly or through other steps), " +
        "so choosing it would not loop: nothing connects them. Declare 'draft' after 'critique' to make it an ordinary target, " +
        "or make 'critique' depend on it.",
    );
  });

  it('rejects a step outside the loop that depends on a body step, naming the step and the body step', () => {
    @Workflow()
    class Leaks {
      @Step() write() {}
      @Step() score() {}
      @Route(['write', 'publish'], { maxIterations: 2 }) critique() {
        return 'publish';
      }
      @Step() publish() {}
      @Step({ after: 'score' }) audit() {}
    }
    expect(onlyProblem(Leaks)).toBe(
      "Leaks.audit: 'audit' is outside the loop of 'critique' (back to 'write') but depends on 'score' inside it, so it could run " +
        "before the loop ends. Depend on the loop only through a target of 'critique' declared after it, or make 'critique' " +
        "depend on 'audit' so that it joins the loop.",
    );
  });

  it('rejects a forward target that also depends on another body step', () => {
    @Workflow()
    class AlsoInside {
      @Step() write() {}
      @Step() score() {}
      @Route(['write', 'publish'], { maxIterations: 2 }) critique() {
        return 'publish';
      }
      @Step({ after: 'score' }) publish() {}
    }
    expect(onlyProblem(AlsoInside)).toMatch(
      /^AlsoInside\.publish: 'publish' is outside the loop of 'critique' \(back to 'write'\) but depends on 'score' inside it/,
    );
  });

  it('rejects a step that depends on the route without being one of its targets (the step right after it)', () => {
    @Workflow()
    class NotATarget {
      @Step() write() {}
      @Route(['write'], { maxIterations: 3 }) critique() {
        return [];
      }
      @Step() publish() {}
    }
    expect(onlyProblem(NotATarget)).toBe(
      "NotATarget.publish: 'publish' depends on route 'critique', which loops back to 'write', but is not one of its targets, " +
        "so it could run after the first pass. Add 'publish' to the targets of 'critique' (declared after it), or depend on one of those targets.",
    );
  });

  it('rejects a step outside an outer loop that depends on an inner router it is a target of', () => {
    @Workflow()
    class Escapes {
      @Step() outline() {}
      @Step() write() {}
      @Route(['write', 'review', 'leak'], { maxIterations: 3 }) critique() {
        return 'review';
      }
      @Step() review() {}
      @Step() leak() {}
      @Route(['outline', 'publish'], { maxIterations: 2, after: 'review' }) approve() {
        return 'publish';
      }
      @Step() publish() {}
    }
    expect(onlyProblem(Escapes)).toMatch(
      /^Escapes\.leak: 'leak' is outside the loop of 'approve' \(back to 'outline'\) but depends on 'critique' inside it/,
    );
  });

  it('rejects two loops that overlap without one containing the other', () => {
    @Workflow()
    class Crossed {
      @Step() a() {}
      @Step() b() {}
      @Route(['a', 'c'], { maxIterations: 2 }) r1() {
        return 'c';
      }
      @Step() c() {}
      @Route(['b', 'done'], { maxIterations: 2 }) r2() {
        return 'done';
      }
      @Step() done() {}
    }
    expect(onlyProblem(Crossed)).toBe(
      "Crossed.r2: the loop of 'r2' (back to 'b') and the loop of 'r1' (back to 'a') share 'b', 'r1' but neither contains the other. " +
        'Loops must nest or be apart: move a back edge so that one loop lies inside the other.',
    );
  });

  it('keeps any other cycle (through `after`) the cycle error, with its path', () => {
    @Workflow()
    class Cyclic {
      @Step({ after: 'critique' }) write() {}
      @Route(['write', 'done'], { maxIterations: 2 }) critique() {
        return 'done';
      }
      @Step() done() {}
    }
    expect(onlyProblem(Cyclic)).toBe(
      'Cyclic.write: steps depend on each other in a cycle: write → critique → write. Remove one of these dependencies.',
    );
  });

  it('reports an invalid maxIterations once, not also as missing', () => {
    @Workflow()
    class Zero {
      @Step() write() {}
      @Route(['write', 'done'], { maxIterations: 0 }) critique() {
        return 'done';
      }
      @Step() done() {}
    }
    expect(onlyProblem(Zero)).toBe('Zero.critique: Route.maxIterations must be an integer from 1 to 10000, got 0.');
  });

  it('reports every loop problem of a class together, each naming Class.method', () => {
    @Workflow()
    class Broken {
      @Step() write() {}
      @Route(['write', 'publish']) critique() {
        return 'publish';
      }
      @Step() publish() {}
      @Route(['x'], { maxIterations: 3 }) pick() {
        return 'x';
      }
      @Step() x() {}
      @Step({ after: 'write' }) audit() {}
    }
    expect(problemLines(Broken).map((line) => line.slice(0, line.indexOf(':')))).toEqual([
      'Broken.critique',
      'Broken.pick',
      'Broken.audit',
    ]);
  });
});
