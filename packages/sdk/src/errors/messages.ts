/**
 * Every definition-error message the compiler produces. Each says what is wrong and how to fix it; the
 * `Class.method: ` prefix is added by {@link formatProblem}.
 */
const list = (names: readonly string[]): string => (names.length ? names.map((n) => `'${n}'`).join(', ') : '(none)');

export const messages = {
  waitOutlastsRun: (what: string, ms: number, runMs: number) =>
    `${what} (${ms} ms) is not shorter than @Workflow({ timeout }) (${runMs} ms): the run would time out first, and the wait's fallback would never run. Raise the workflow's timeout or shorten the wait.`,
  notAWorkflow: (cls: string) => `${cls} has no @Workflow decorator. Add @Workflow() to the class.`,
  noSteps: () => 'The workflow has no steps. Decorate at least one method with @Step().',
  missingMember: (decorator: string) =>
    `${decorator} names a member the class does not define. Fix the method name or add the method.`,
  notAMethod: (decorator: string) => `${decorator} is on something that is not a method. Steps must be methods.`,
  duplicateDecorator: (decorator: string) => `${decorator} is applied more than once. Keep a single ${decorator}.`,
  withoutStep: (decorator: string) =>
    `${decorator} has no effect without @Step. Add @Step() (or @Route) to the method, or remove ${decorator}.`,
  stepAndRouteSet: (option: string) => `both @Step and @Route set '${option}'. Set it in one place.`,
  invalidOption: (message: string) => `${message}.`,
  maxDelayBelowDelay: (maxDelay: number, delay: number) =>
    `Retry.maxDelay (${maxDelay}) must be ≥ Retry.delay (${delay}). Raise maxDelay or lower delay.`,
  unknownAfter: (name: string, known: readonly string[]) =>
    `'after' names '${name}', which is not a step. Known steps: ${list(known)}.`,
  unknownRouteTarget: (name: string, known: readonly string[]) =>
    `@Route target '${name}' is not a step. Declare it with @Step() or fix the name. Known steps: ${list(known)}.`,
  routeTargetsEmpty: () => "@Route needs at least one target, e.g. @Route(['billingAgent', 'bugAgent']).",
  routeTargetSelf: () => '@Route lists the route itself as a target. A route cannot choose itself.',
  routeTargetTwice: (name: string) => `@Route lists '${name}' more than once. List each target once.`,
  targetOfTwoRoutes: (name: string, first: string, second: string) =>
    `'${name}' is a target of both '${first}' and '${second}'. A step can be the target of one route only; add a separate step.`,
  routeWithForEach: () =>
    '@Route cannot be combined with @Parallel({ forEach }). Route first, then fan out in a target step.',
  forEachWithName: () => '@Parallel cannot take both forEach and a group name. Use one form or the other.',
  concurrencyWithoutForEach: () =>
    '@Parallel concurrency applies only to the forEach form. Add forEach, or remove concurrency.',
  groupNotAdjacent: (group: string, members: readonly string[]) =>
    `members of @Parallel('${group}') must be adjacent, but the group is split: ${list(members)} are separated by other steps. Move the members next to each other.`,
  cycle: (path: readonly string[]) =>
    `steps depend on each other in a cycle: ${path.join(' → ')}. Remove one of these dependencies.`,
  unknownOutput: (name: string, known: readonly string[]) =>
    `@Workflow output names '${name}', which is not a step. Known steps: ${list(known)}.`,
  missingFallbackMethod: (name: string) =>
    `@Fallback names method '${name}', which the class does not define. Add the method or fix the name.`,
  fallbackInvalid: (given: string) => `@Fallback needs a function or a method name, got ${given}.`,
  timeoutInvalid: (given: string) => `@Timeout needs a positive number of milliseconds ≤ 2147483647, got ${given}.`,
  joinOnRoot: (join: string) =>
    `join: '${join}' has no effect on a step without dependencies; give it \`after\` or remove join.`,
  loopWithoutMaxIterations: (route: string, target: string, targets: readonly string[]) =>
    `route '${route}' loops back to '${target}' (declared before it), so its passes need a cap: set @Route([${list(targets)}], { maxIterations: n }). To route forward instead, declare '${target}' after '${route}'.`,
  maxIterationsWithoutLoop: (route: string) =>
    `maxIterations has no effect: route '${route}' has no back edge (none of its targets is declared before it). Remove maxIterations, or declare the target to loop back to before the route.`,
  backTargetNotConnected: (route: string, target: string) =>
    `route '${route}' lists '${target}', declared before it, but does not depend on it (directly or through other steps), so choosing it would not loop: nothing connects them. Declare '${target}' after '${route}' to make it an ordinary target, or make '${route}' depend on it.`,
  dependsOnLoopBody: (step: string, bodyStep: string, route: string, target: string) =>
    `'${step}' is outside the loop of '${route}' (back to '${target}') but depends on '${bodyStep}' inside it, so it could run before the loop ends. Depend on the loop only through a target of '${route}' declared after it, or make '${route}' depend on '${step}' so that it joins the loop.`,
  dependsOnRouteNotTarget: (step: string, route: string, target: string) =>
    `'${step}' depends on route '${route}', which loops back to '${target}', but is not one of its targets, so it could run after the first pass. Add '${step}' to the targets of '${route}' (declared after it), or depend on one of those targets.`,
  loopsOverlap: (route: string, target: string, other: string, otherTarget: string, shared: readonly string[]) =>
    `the loop of '${route}' (back to '${target}') and the loop of '${other}' (back to '${otherTarget}') share ${list(shared)} but neither contains the other. Loops must nest or be apart: move a back edge so that one loop lies inside the other.`,
  retryInvalid: (given: string) => `@Retry needs a number of attempts or an options object, got ${given}.`,
  signalNameInvalid: (given: string) =>
    `@WaitFor needs a signal name of 1 to 100 letters, digits, '.', '_' or '-', got ${given}. Rename the signal: it is sent by name, in URLs too (POST /baton/api/runs/:id/signals/:name).`,
  delayInvalid: (given: string) =>
    `@Delay needs an integer number of milliseconds from 0 to 2147483647, or a function (ctx) => ms, got ${given}.`,
  waitAndDelay: () =>
    '@WaitFor and @Delay are both on this step, but a step waits for one thing. Keep one, or put the @Delay on a step before it.',
  waitOnForEach: (decorator: string) =>
    `${decorator} is not supported on a forEach step (@Parallel({ forEach })). Put ${decorator} on a step before the fan-out; the items can read its output from ctx.results.`,
  sameSignalInBlock: (signal: string, first: string, second: string, block: string) =>
    `'${first}' and '${second}' both wait for signal '${signal}' and are ${block}, so they wait at the same time and which of them takes which '${signal}' signal would be ambiguous. Give them different signal names, or move one of them out of the block so that it waits after the other.`,
} as const;
