import { MAX_TIMER_MS } from '../constants.js';
import { describeValue } from '../errors/baton.error.js';
import { messages } from '../errors/messages.js';
import type { MethodMetadata, ParallelMetadata } from '../metadata/metadata.types.js';
import { findDescriptor } from '../metadata/workflow-metadata.accessor.js';
import { ParallelOptionsSchema } from '../options/parallel-options.schema.js';
import type { ParallelOptions } from '../options/parallel-options.js';
import { validateOptions } from '../options/validate-options.js';
import type { Type } from '../options/workflow-options.js';
import { compileRetryPolicy, SINGLE_ATTEMPT } from './compile-retry-policy.js';
import type { CompiledStep } from './compiled-workflow.js';
import type { ProblemList } from './problem-list.js';
import { readStepOptions } from './read-step-options.js';
import { readWaitAndDelay } from './read-wait.js';
import type { StepDraft } from './step-draft.js';

/** Reads every decorated method into a {@link StepDraft}, reporting decorator misuse and invalid options. */
export function readSteps(target: Type, methods: readonly MethodMetadata[], problems: ProblemList): StepDraft[] {
  const drafts: StepDraft[] = [];
  for (const method of methods) {
    const draft = readStep(target, method, problems);
    if (draft) drafts.push(draft);
  }
  return drafts;
}

function readStep(target: Type, method: MethodMetadata, problems: ProblemList): StepDraft | undefined {
  const { name } = method;
  const report = (message: string): void => problems.add(name, message);
  const decorators: Array<[string, readonly unknown[]]> = [
    ['@Step', method.step],
    ['@Route', method.route],
    ['@Parallel', method.parallel],
    ['@Retry', method.retry],
    ['@Timeout', method.timeout],
    ['@Fallback', method.fallback],
    ['@WaitFor', method.waitFor],
    ['@Delay', method.delay],
  ];
  const used = decorators.filter(([, list]) => list.length > 0).map(([decorator]) => decorator);
  if (!method.exists) {
    report(messages.missingMember(used.join(', ')));
    return undefined;
  }
  if (!method.isFunction) {
    report(messages.notAMethod(used.join(', ')));
    return undefined;
  }
  for (const [decorator, list] of decorators) if (list.length > 1) report(messages.duplicateDecorator(decorator));

  const isStep = method.step.length > 0 || method.route.length > 0;
  if (!isStep) {
    for (const decorator of used) report(messages.withoutStep(decorator));
    return undefined;
  }

  const code: CompiledStep = { name };
  const draft: StepDraft = { name, kind: 'step', retry: SINGLE_ATTEMPT, code };
  readStepOptions(method, draft, report);
  readRoute(method, draft, report);
  readParallel(method.parallel[0], draft, report);
  readWaitAndDelay(method, draft, report);
  if (method.retry[0]) {
    const compiled = compileRetryPolicy(method.retry[0].options);
    if (compiled.ok) {
      draft.retry = compiled.policy;
      if (compiled.retryIf) code.retryIf = compiled.retryIf;
    } else {
      compiled.problems.forEach(report);
    }
  }
  if (method.timeout[0]) {
    const ms: unknown = method.timeout[0].ms;
    if (typeof ms === 'number' && Number.isFinite(ms) && ms > 0 && ms <= MAX_TIMER_MS) draft.timeoutMs = ms;
    else report(messages.timeoutInvalid(describeValue(ms)));
  }
  if (method.fallback[0]) readFallback(target, method.fallback[0].handler, code, report);
  return draft;
}

function readRoute(method: MethodMetadata, draft: StepDraft, report: (m: string) => void): void {
  const route = method.route[0];
  if (!route) return;
  draft.kind = 'route';
  const targets: unknown = route.targets;
  if (!Array.isArray(targets) || targets.length === 0) {
    report(messages.routeTargetsEmpty());
    draft.routes = [];
    return;
  }
  const valid: string[] = [];
  for (const target of targets as unknown[]) {
    if (typeof target !== 'string' || target.length === 0)
      report(messages.unknownRouteTarget(describeValue(target), []));
    else if (target === draft.name) report(messages.routeTargetSelf());
    else if (valid.includes(target)) report(messages.routeTargetTwice(target));
    else valid.push(target);
  }
  draft.routes = valid;
}

function readParallel(parallel: ParallelMetadata | undefined, draft: StepDraft, report: (m: string) => void): void {
  if (!parallel) return;
  const raw: ParallelOptions | undefined = parallel.options;
  const options = raw === undefined ? {} : typeof raw === 'string' ? { name: raw } : raw;
  const problems = validateOptions('Parallel', ParallelOptionsSchema, options).map(messages.invalidOption);
  problems.forEach(report);
  if (problems.length > 0) return;
  const { name, forEach, concurrency } = options as {
    name?: string;
    forEach?: CompiledStep['forEach'];
    concurrency?: number;
  };
  if (forEach === undefined) {
    if (concurrency !== undefined) report(messages.concurrencyWithoutForEach());
    draft.parallelGroup = name ?? null;
    return;
  }
  if (name !== undefined) report(messages.forEachWithName());
  if (draft.kind === 'route') {
    report(messages.routeWithForEach());
    return;
  }
  draft.kind = 'forEach';
  draft.code.forEach = forEach;
  if (concurrency !== undefined) draft.concurrency = concurrency;
}

function readFallback(target: Type, handler: unknown, code: CompiledStep, report: (m: string) => void): void {
  if (typeof handler === 'function') {
    code.fallback = {
      kind: 'function',
      fn: handler as (ctx: never, error: unknown) => unknown,
    } as CompiledStep['fallback'];
  } else if (typeof handler === 'string' && handler.length > 0) {
    const descriptor = findDescriptor(target.prototype as object, handler);
    if (descriptor === undefined || typeof descriptor.value !== 'function')
      report(messages.missingFallbackMethod(handler));
    else code.fallback = { kind: 'method', method: handler };
  } else {
    report(messages.fallbackInvalid(describeValue(handler)));
  }
}
