import { describe, expect, it } from 'vitest';
import { Delay, Parallel, Route, Step, WaitFor, Workflow } from '../index.js';
import { registerDelay, registerWaitFor } from '../metadata/register.js';
import { Approval } from '../../test/fixtures/refund.workflow.js';
import { compileWorkflow } from './compile-workflow.js';
import { definitionError, onlyProblem, problemLines } from './definition-errors.test-kit.js';

const NAME_RULE = "@WaitFor needs a signal name of 1 to 100 letters, digits, '.', '_' or '-'";
const NAME_FIX = 'Rename the signal: it is sent by name, in URLs too (POST /baton/api/runs/:id/signals/:name).';
const TIMEOUT_RULE = 'WaitFor.timeout must be an integer number of milliseconds from 1 to 2147483647';
const DELAY_RULE =
  '@Delay needs an integer number of milliseconds from 0 to 2147483647, or a function (ctx) => ms, got';

/** A workflow whose one step `a` carries `@Step()` and the decorator under test. */
function withStep(applied: MethodDecorator) {
  @Workflow()
  class Options {
    a() {}
  }
  const descriptor = Object.getOwnPropertyDescriptor(Options.prototype, 'a')!;
  Step()(Options.prototype, 'a', descriptor);
  applied(Options.prototype, 'a', descriptor);
  return Options;
}

describe('compileWorkflow wait and delay errors', () => {
  it.each([
    ['an empty name', WaitFor(''), `${NAME_RULE}, got "". ${NAME_FIX}`],
    ['a space', WaitFor('has space'), `${NAME_RULE}, got "has space". ${NAME_FIX}`],
    ['a slash', WaitFor('a/b'), `${NAME_RULE}, got "a/b". ${NAME_FIX}`],
    ['101 characters', WaitFor('x'.repeat(101)), `${NAME_RULE}, got a name of 101 characters. ${NAME_FIX}`],
    ['a number', WaitFor(5 as never), `${NAME_RULE}, got 5. ${NAME_FIX}`],
    ['timeout 0', WaitFor('ok', { timeout: 0 }), `${TIMEOUT_RULE}, got 0.`],
    ['timeout 1.5', WaitFor('ok', { timeout: 1.5 }), `${TIMEOUT_RULE}, got 1.5.`],
    ['timeout over the timer limit', WaitFor('ok', { timeout: 2 ** 31 }), `${TIMEOUT_RULE}, got 2147483648.`],
    [
      'a payload that is a name',
      WaitFor('ok', { payload: 'Approval' as never }),
      'WaitFor.payload must be a class decorated with class-validator, got "Approval".',
    ],
    [
      'a payload that is an arrow function',
      WaitFor('ok', { payload: (() => Approval) as never }),
      'WaitFor.payload must be a class decorated with class-validator, got function payload.',
    ],
    [
      'a misspelt option',
      WaitFor('ok', { timout: 5 } as never),
      'WaitFor.timout is not an option (check its spelling).',
    ],
    ['options that are not an object', WaitFor('ok', null as never), 'WaitFor options must be an object, got null.'],
    ['Delay(-1)', Delay(-1), `${DELAY_RULE} -1.`],
    ['Delay(1.5)', Delay(1.5), `${DELAY_RULE} 1.5.`],
    ['Delay over the timer limit', Delay(2 ** 31), `${DELAY_RULE} 2147483648.`],
    ['Delay(NaN)', Delay(Number.NaN), `${DELAY_RULE} null.`],
    ["Delay('5s')", Delay('5s' as never), `${DELAY_RULE} "5s".`],
  ])('rejects %s', (_label, applied, expected) => {
    expect(onlyProblem(withStep(applied))).toBe(`Options.a: ${expected}`);
  });

  it('accepts the longest name and the largest timeout and delay', () => {
    @Workflow()
    class Edges {
      @WaitFor(`a.b_c-D9${'x'.repeat(92)}`, { timeout: 2_147_483_647 }) @Step() a() {}
      @Delay(2_147_483_647) @Step() b() {}
    }
    expect(compileWorkflow(Edges).steps.map((s) => s.wait?.signal.length ?? s.delay)).toEqual([
      100,
      { ms: 2_147_483_647 },
    ]);
  });

  it('reports a bad name and bad options of one @WaitFor together', () => {
    expect(problemLines(withStep(WaitFor('', { timeout: -1 })))).toEqual([
      `Options.a: ${NAME_RULE}, got "". ${NAME_FIX}`,
      `Options.a: ${TIMEOUT_RULE}, got -1.`,
    ]);
  });

  it.each([
    ['@WaitFor', WaitFor('go')],
    ['@Delay', Delay(10)],
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

  it('rejects @WaitFor and @Delay applied twice, and on a static method', () => {
    @Workflow()
    class Twice {
      @WaitFor('a') @WaitFor('b') @Step() a() {}
      @Delay(1) @Delay(2) @Step() b() {}
      @WaitFor('c') @Step() static c() {}
    }
    const { message } = definitionError(Twice);
    expect(message).toContain('Twice.a: @WaitFor is applied more than once. Keep a single @WaitFor.');
    expect(message).toContain('Twice.b: @Delay is applied more than once. Keep a single @Delay.');
    expect(message).toContain('Twice.c: @WaitFor is on a static method; steps must be instance methods.');
  });

  it('rejects a wait or a delay that would outlast the whole run', () => {
    @Workflow({ timeout: 1_000 })
    class ShortRun {
      @WaitFor('go', { timeout: 5_000 }) @Step() wait() {}
      @Delay(1_000) @Step() later() {}
      @WaitFor('ok', { timeout: 999 }) @Step() fine() {}
    }
    expect(problemLines(ShortRun)).toEqual([
      "ShortRun.wait: @WaitFor timeout (5000 ms) is not shorter than @Workflow({ timeout }) (1000 ms): the run would time out first, and the wait's fallback would never run. Raise the workflow's timeout or shorten the wait.",
      "ShortRun.later: @Delay (1000 ms) is not shorter than @Workflow({ timeout }) (1000 ms): the run would time out first, and the wait's fallback would never run. Raise the workflow's timeout or shorten the wait.",
    ]);
  });

  it('rejects @WaitFor together with @Delay on one step', () => {
    @Workflow()
    class Both {
      @WaitFor('go') @Delay(10) @Step() a() {}
    }
    expect(onlyProblem(Both)).toBe(
      'Both.a: @WaitFor and @Delay are both on this step, but a step waits for one thing. Keep one, or put the @Delay on a step before it.',
    );
  });

  it('rejects @WaitFor and @Delay on a forEach step, saying it is not supported', () => {
    @Workflow()
    class Fanout {
      @WaitFor('go') @Parallel({ forEach: () => [] }) @Step() a() {}
      @Parallel({ forEach: () => [] }) @Delay(5) @Step() b() {}
    }
    expect(problemLines(Fanout)).toEqual([
      'Fanout.a: @WaitFor is not supported on a forEach step (@Parallel({ forEach })). Put @WaitFor on a step before the fan-out; the items can read its output from ctx.results.',
      'Fanout.b: @Delay is not supported on a forEach step (@Parallel({ forEach })). Put @Delay on a step before the fan-out; the items can read its output from ctx.results.',
    ]);
  });

  it('rejects two members of one @Parallel group waiting for the same signal, naming both', () => {
    @Workflow()
    class Group {
      @Step() start() {}
      @Parallel() @WaitFor('approve') @Step() legal() {}
      @Parallel() @WaitFor('approve') @Step() finance() {}
      @Parallel() @WaitFor('approve') @Step() ops() {}
    }
    const tail =
      "both wait for signal 'approve' and are members of one @Parallel group, so they wait at the same time and which of them takes which 'approve' signal would be ambiguous. " +
      'Give them different signal names, or move one of them out of the block so that it waits after the other.';
    expect(problemLines(Group)).toEqual([
      `Group.finance: 'legal' and 'finance' ${tail}`,
      `Group.ops: 'legal' and 'ops' ${tail}`,
    ]);
  });

  it('names the group, or the route, whose block holds the two waits', () => {
    @Workflow()
    class Named {
      @Parallel('reviews') @WaitFor('ok') @Step() a() {}
      @Parallel('reviews') @WaitFor('ok') @Step({ after: [] }) b() {}
    }
    expect(onlyProblem(Named)).toMatch(
      /^Named\.b: 'a' and 'b' both wait for signal 'ok' and are members of @Parallel group 'reviews', so/,
    );
    @Workflow()
    class Targets {
      @Route(['x', 'y']) pick() {
        return ['x', 'y'];
      }
      @WaitFor('ok') @Step() x() {}
      @WaitFor('ok') @Step() y() {}
    }
    expect(onlyProblem(Targets)).toMatch(
      /^Targets\.y: 'x' and 'y' both wait for signal 'ok' and are consecutive targets of route 'pick', so/,
    );
  });

  it('reports every wait and delay problem of a class at once, through register functions too', () => {
    @Workflow()
    class Broken {
      @Step() a() {}
      b() {}
    }
    registerWaitFor(Broken, 'a', 'bad name');
    registerDelay(Broken, 'a', -5);
    registerDelay(Broken, 'b', 5);
    expect(problemLines(Broken)).toEqual([
      `Broken.a: ${NAME_RULE}, got "bad name". ${NAME_FIX}`,
      `Broken.a: ${DELAY_RULE} -5.`,
      'Broken.a: @WaitFor and @Delay are both on this step, but a step waits for one thing. Keep one, or put the @Delay on a step before it.',
      'Broken.b: @Delay has no effect without @Step. Add @Step() (or @Route) to the method, or remove @Delay.',
    ]);
  });
});
