import { Injectable } from '@nestjs/common';
import { IsInt, IsString, Min } from 'class-validator';
import {
  Fallback,
  NonRetryableError,
  Parallel,
  Retry,
  Route,
  Step,
  Timeout,
  Workflow,
  type RetryOptions,
  type StepContext,
} from '@baton/sdk';

/**
 * The workflows of the Transport conformance suite (test/transport.conformance.ts). Every transport in
 * the suite runs its steps in the test's own process, so steps report what they saw to the module-level
 * {@link probe}, keyed by run id (or by an input `key` where a rerun must be followed across runs).
 */

/** What steps saw. Keys are unique per test (run ids, random input keys), so nothing is ever reset. */
export const probe = {
  /** How many times `key:step` ran (started an attempt). */
  counts: new Map<string, number>(),
  /** Every running step that saw its `ctx.signal` abort, with the reason's code. */
  aborts: [] as Array<{ runId: string; step: string; index?: number; code?: string }>,
  /** forEach gauges per run: items running now and the most at once. */
  gauges: new Map<string, { running: number; peak: number }>(),
  /** `ctx.idempotencyKey` and `ctx.attempt` of every attempt, per run. */
  attempts: new Map<string, Array<{ step: string; index?: number; attempt: number; idempotencyKey: string }>>(),
  /** Late results produced by attempts that had already timed out. */
  late: [] as Array<{ runId: string; attempt: number }>,
};

/** Any step's context, whatever its input, results and item types. */
export type AnyStepContext = StepContext<unknown, object, unknown>;

export function bump(key: string, step: string): number {
  const n = (probe.counts.get(`${key}:${step}`) ?? 0) + 1;
  probe.counts.set(`${key}:${step}`, n);
  return n;
}

export function countOf(key: string, step: string): number {
  return probe.counts.get(`${key}:${step}`) ?? 0;
}

function noteAttempt(ctx: AnyStepContext): void {
  const list = probe.attempts.get(ctx.runId) ?? [];
  list.push({
    step: ctx.step,
    ...(ctx.index !== undefined && { index: ctx.index }),
    attempt: ctx.attempt,
    idempotencyKey: ctx.idempotencyKey,
  });
  probe.attempts.set(ctx.runId, list);
}

/** A guard, not a wait: a step the runtime never aborts fails after this long instead of holding a worker. */
const NEVER_ABORTED_MS = 10_000;

/** Resolves with `late` (or rejects with the reason) once the step's signal aborts, recording the abort. */
export function untilAborted(ctx: AnyStepContext, late?: unknown): Promise<never> {
  return new Promise((resolve, reject) => {
    const guard = setTimeout(
      () => reject(new Error(`${ctx.workflow}.${ctx.step} was never aborted`)),
      NEVER_ABORTED_MS,
    );
    const onAbort = (): void => {
      clearTimeout(guard);
      const reason = ctx.signal.reason as { code?: string } | undefined;
      probe.aborts.push({
        runId: ctx.runId,
        step: ctx.step,
        ...(ctx.index !== undefined && { index: ctx.index }),
        ...(reason?.code !== undefined && { code: reason.code }),
      });
      // Resolving after an abort is a late result: the runtime must discard it.
      if (late !== undefined) resolve(late as never);
      else reject(ctx.signal.reason);
    };
    if (ctx.signal.aborted) onAbort();
    else ctx.signal.addEventListener('abort', onAbort, { once: true });
  });
}

const meetings = new Map<string, { arrived: Set<string>; release(): void; all: Promise<void> }>();

/**
 * Resolves once every name in `expected` has arrived for this run: proof that those steps run at the same
 * time. Rejects after `deadlineMs` if they do not (so a transport that serialises them fails, not hangs).
 */
async function meet(ctx: AnyStepContext, name: string, expected: readonly string[], deadlineMs = 3_000): Promise<void> {
  let meeting = meetings.get(ctx.runId);
  if (!meeting) {
    let release!: () => void;
    const all = new Promise<void>((resolve) => (release = resolve));
    meeting = { arrived: new Set(), release, all };
    meetings.set(ctx.runId, meeting);
  }
  meeting.arrived.add(name);
  if (expected.every((n) => meeting.arrived.has(n))) meeting.release();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `${name} waited ${deadlineMs} ms for [${expected.join(', ')}]; only [${[...meeting.arrived].join(', ')}] arrived`,
          ),
        ),
      deadlineMs,
    );
  });
  try {
    await Promise.race([meeting.all, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A few milliseconds of work. */
const work = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// --- routing and joins ---------------------------------------------------------------------------------

type RouteInput = { kind: 'billing' | 'bug' | 'both' | 'none' | 'bogus' };

@Workflow({ name: 'conf-route' })
export class ConfRouteWorkflow {
  @Step() classify(ctx: StepContext<RouteInput>) {
    return { kind: ctx.input.kind };
  }

  @Route(['billing', 'bug'])
  route(ctx: StepContext<RouteInput, { classify: { kind: string } }>) {
    const { kind } = ctx.results.classify;
    if (kind === 'none') return [];
    if (kind === 'both') return ['billing', 'bug'];
    return kind === 'bogus' ? 'refund' : kind;
  }

  @Step() billing() {
    return 'billing-answer';
  }
  @Step() bug() {
    return 'bug-answer';
  }

  @Step()
  join(ctx: StepContext<RouteInput, { billing?: string; bug?: string }>) {
    bump(ctx.runId, 'join');
    return {
      answers: [ctx.results.billing, ctx.results.bug].filter((a) => a !== undefined),
      sawBug: ctx.results.bug ?? null,
    };
  }
}

@Workflow({ name: 'conf-skips' })
export class ConfSkipsWorkflow {
  @Route(['left', 'right']) pick(ctx: StepContext<{ side: 'left' | 'right' }>) {
    return ctx.input.side;
  }
  @Step() left() {
    return 'L';
  }
  @Step() right() {
    return 'R';
  }
  @Step({ after: 'right' }) rightTail() {
    return 'RT';
  }
  @Step({ after: ['left', 'rightTail'] })
  join(ctx: StepContext<unknown, { left?: string; rightTail?: string }>) {
    bump(ctx.runId, 'join');
    return { left: ctx.results.left ?? null, rightTail: ctx.results.rightTail ?? null };
  }
  @Step({ after: 'rightTail' }) rightOnly() {
    return 'RO';
  }
}

@Workflow({ name: 'conf-output', output: 'first' })
export class ConfOutputWorkflow {
  @Step() first() {
    return 'chosen';
  }
  @Step() second() {
    return 'not the output';
  }
}

// --- parallel and forEach ------------------------------------------------------------------------------

type FanInput = { meet: boolean };

@Workflow({ name: 'conf-fan-out' })
export class ConfFanOutWorkflow {
  @Step() plan() {
    return 'plan';
  }

  @Parallel() @Step() async a(ctx: StepContext<FanInput>) {
    return this.member(ctx, 'A');
  }
  @Parallel() @Step() async b(ctx: StepContext<FanInput>) {
    return this.member(ctx, 'B');
  }
  @Parallel() @Step() async c(ctx: StepContext<FanInput>) {
    return this.member(ctx, 'C');
  }

  @Step()
  join(ctx: StepContext<FanInput, { a: string; b: string; c: string }>) {
    bump(ctx.runId, 'join');
    return [ctx.results.a, ctx.results.b, ctx.results.c];
  }

  private async member(ctx: StepContext<FanInput>, value: string): Promise<string> {
    bump(ctx.runId, ctx.step);
    if (ctx.input.meet) await meet(ctx, ctx.step, ['a', 'b', 'c']);
    else await work(2);
    return value;
  }
}

@Workflow({ name: 'conf-for-each' })
export class ConfForEachWorkflow {
  @Step() plan(ctx: StepContext<{ items: number[] }>) {
    return ctx.input.items;
  }

  @Parallel({ forEach: (ctx: StepContext<unknown, { plan: number[] }>) => ctx.results.plan, concurrency: 2 })
  @Step()
  async square(ctx: StepContext<unknown, object, number>) {
    noteAttempt(ctx);
    const gauge = probe.gauges.get(ctx.runId) ?? { running: 0, peak: 0 };
    probe.gauges.set(ctx.runId, gauge);
    gauge.running += 1;
    gauge.peak = Math.max(gauge.peak, gauge.running);
    // Larger items take longer, so later items can finish first: the output must follow item order.
    await work(ctx.item! * 3);
    gauge.running -= 1;
    return ctx.item! * ctx.item!;
  }

  @Step()
  sum(ctx: StepContext<unknown, { square: number[] }>) {
    return { squares: ctx.results.square, total: ctx.results.square.reduce((a, b) => a + b, 0) };
  }
}

type ItemKind = 'ok' | 'flaky' | 'broken' | 'waits';

@Workflow({ name: 'conf-for-each-items' })
export class ConfForEachItemsWorkflow {
  @Parallel({ forEach: (ctx: StepContext<{ items: ItemKind[] }>) => ctx.input.items })
  @Retry({ attempts: 2, backoff: 'fixed', delay: 5 })
  @Step()
  async each(ctx: StepContext<{ items: ItemKind[] }, object, ItemKind>) {
    noteAttempt(ctx);
    if (ctx.item === 'flaky' && ctx.attempt === 1) throw new Error('flaky item');
    if (ctx.item === 'broken' || ctx.item === 'waits') await meet(ctx, ctx.item, ['broken', 'waits']);
    if (ctx.item === 'broken') throw new NonRetryableError('broken item');
    if (ctx.item === 'waits') return untilAborted(ctx);
    return `${ctx.item}!`;
  }
}

// --- retry, timeout, fallback --------------------------------------------------------------------------

/** The retry policy of {@link ConfRetryWorkflow}, which the suite checks delays against. */
export const RETRY_POLICY = {
  attempts: 4,
  backoff: 'exponential',
  delay: 20,
  maxDelay: 50,
  jitter: 0.5,
} as const satisfies RetryOptions;

@Workflow({ name: 'conf-retry' })
export class ConfRetryWorkflow {
  @Retry(RETRY_POLICY)
  @Step()
  call(ctx: StepContext<{ failures: number }>) {
    noteAttempt(ctx);
    ctx.log(`attempt ${ctx.attempt}`, { attempt: ctx.attempt });
    if (ctx.attempt <= ctx.input.failures) throw new Error(`flaky ${ctx.attempt}`);
    return { attempt: ctx.attempt };
  }
}

/** Exponential backoff without jitter: the waits are exactly 10 ms, then 20 ms. */
@Workflow({ name: 'conf-backoff' })
export class ConfBackoffWorkflow {
  @Retry({ attempts: 3, backoff: 'exponential', delay: 10 })
  @Step()
  call(ctx: StepContext): string {
    if (ctx.attempt < 3) throw new Error(`flaky ${ctx.attempt}`);
    return 'ok';
  }
}

@Workflow({ name: 'conf-steered' })
export class ConfSteeredWorkflow {
  @Retry({ attempts: 5, backoff: 'fixed', delay: 5, retryIf: (error) => !(error instanceof TypeError) })
  @Step()
  call(ctx: StepContext<{ kind: 'non-retryable' | 'type-error' | 'flaky' }>): string {
    noteAttempt(ctx);
    if (ctx.input.kind === 'non-retryable') throw new NonRetryableError('no such customer');
    if (ctx.input.kind === 'type-error') throw new TypeError('bad data');
    if (ctx.attempt < 3) throw new Error('flaky');
    return 'ok';
  }
}

/** Attempt 1 ignores its signal and answers 60 ms after its 40 ms timeout fired; attempt 2 hangs until aborted. */
async function slowFetch(ctx: AnyStepContext): Promise<string> {
  noteAttempt(ctx);
  if (ctx.attempt === 1) {
    void untilAborted(ctx, 'ignored').catch(() => undefined);
    await work(60);
    probe.late.push({ runId: ctx.runId, attempt: ctx.attempt });
    return `late ${ctx.attempt}`;
  }
  return untilAborted(ctx);
}

@Workflow({ name: 'conf-timeout-fallback' })
export class ConfTimeoutFallbackWorkflow {
  @Retry({ attempts: 2, backoff: 'fixed', delay: 5 })
  @Timeout(40)
  @Fallback((_ctx: StepContext, error: unknown) => ({ fallback: (error as { code?: string }).code }))
  @Step()
  fetch(ctx: StepContext) {
    return slowFetch(ctx);
  }

  @Step() after(ctx: StepContext<unknown, { fetch: unknown }>) {
    return { got: ctx.results.fetch };
  }
}

@Workflow({ name: 'conf-timeout-fail' })
export class ConfTimeoutFailWorkflow {
  @Retry({ attempts: 2, backoff: 'fixed', delay: 5 })
  @Timeout(40)
  @Step()
  fetch(ctx: StepContext) {
    return slowFetch(ctx);
  }

  @Step() after() {
    return 'never';
  }
}

@Workflow({ name: 'conf-fallback' })
export class ConfFallbackWorkflow {
  @Fallback('cannedAnswer') @Step() byMethod(): string {
    throw new Error('primary down');
  }

  @Fallback(() => {
    throw new Error('fallback down too');
  })
  @Step()
  throwing(ctx: StepContext<{ fail: boolean }, { byMethod: string }>) {
    if (ctx.input.fail) throw new Error('primary down');
    return { saw: ctx.results.byMethod };
  }

  @Step() last() {
    return 'last';
  }

  cannedAnswer(_ctx: StepContext, error: unknown) {
    return `canned (${(error as Error).message})`;
  }
}

// --- failure, stop, cancel, timeout --------------------------------------------------------------------

@Workflow({ name: 'conf-fail-fast' })
export class ConfFailFastWorkflow {
  @Parallel() @Step() async boom(ctx: StepContext): Promise<string> {
    await meet(ctx, 'boom', ['boom', 'sibling']);
    throw new NonRetryableError('boom');
  }
  @Parallel() @Step() async sibling(ctx: StepContext) {
    await meet(ctx, 'sibling', ['boom', 'sibling']);
    return untilAborted(ctx);
  }
  @Step() after() {
    return 'never';
  }
}

@Workflow({ name: 'conf-stop' })
export class ConfStopWorkflow {
  @Step() check(ctx: StepContext<{ cached: boolean }>) {
    if (ctx.input.cached) ctx.stop({ answer: 'from cache' });
    return 'miss';
  }
  @Parallel() @Step() compute() {
    return 'computed';
  }
  @Parallel() @Step() alsoCompute() {
    return 'also';
  }
}

@Workflow({ name: 'conf-stop-running' })
export class ConfStopRunningWorkflow {
  @Parallel() @Step() async stopper(ctx: StepContext) {
    await meet(ctx, 'stopper', ['stopper', 'slow']);
    ctx.stop({ stoppedBy: 'stopper' });
  }
  /** Answers late once aborted: the runtime must discard it. */
  @Parallel() @Step() async slow(ctx: StepContext) {
    await meet(ctx, 'slow', ['stopper', 'slow']);
    return untilAborted(ctx, 'late answer');
  }
  @Step() after() {
    return 'never';
  }
}

@Workflow({ name: 'conf-cancel' })
export class ConfCancelWorkflow {
  @Parallel() @Step() a(ctx: StepContext) {
    return untilAborted(ctx);
  }
  @Parallel() @Step() b(ctx: StepContext) {
    return untilAborted(ctx);
  }
  @Step() c() {
    return 'never';
  }
}

@Workflow({ name: 'conf-deadline', timeout: 200 })
export class ConfDeadlineWorkflow {
  @Step() forever(ctx: StepContext) {
    return untilAborted(ctx);
  }
  @Step() never() {
    return 'unreachable';
  }
}

// --- child runs ----------------------------------------------------------------------------------------

@Workflow({ name: 'conf-child' })
export class ConfChildWorkflow {
  @Step()
  double(ctx: StepContext<{ n: number }>) {
    if (ctx.input.n < 0) throw new NonRetryableError(`cannot double ${ctx.input.n}`);
    return ctx.input.n * 2;
  }
}

@Workflow({ name: 'conf-parent' })
export class ConfParentWorkflow {
  @Step()
  spawn(ctx: StepContext<{ n: number; byName?: boolean }>) {
    return ctx.run<number>(ctx.input.byName ? 'conf-child' : ConfChildWorkflow, { n: ctx.input.n });
  }
  @Step() after(ctx: StepContext<unknown, { spawn: number }>) {
    return { child: ctx.results.spawn };
  }
}

@Workflow({ name: 'conf-child-waits' })
export class ConfChildWaitsWorkflow {
  @Step() hold(ctx: StepContext) {
    return untilAborted(ctx);
  }
}

@Workflow({ name: 'conf-parent-waits' })
export class ConfParentWaitsWorkflow {
  @Step() spawn(ctx: StepContext) {
    return ctx.run(ConfChildWaitsWorkflow, {});
  }
}

// --- rerun, input, idempotency -------------------------------------------------------------------------

type OrderInput = { key: string; failCharge: boolean };

@Workflow({ name: 'conf-order' })
export class ConfOrderWorkflow {
  @Step() quote(ctx: StepContext<OrderInput>) {
    bump(ctx.input.key, 'quote');
    return 5;
  }
  @Step() charge(ctx: StepContext<OrderInput, { quote: number }>) {
    if (bump(ctx.input.key, 'charge') === 1 && ctx.input.failCharge) throw new Error('card declined');
    return { charged: ctx.results.quote };
  }
  @Step() receipt(ctx: StepContext<OrderInput, { charge: { charged: number } }>) {
    bump(ctx.input.key, 'receipt');
    return `charged ${ctx.results.charge.charged}`;
  }
}

export class ConfTypedInput {
  @IsString() name!: string;
  @IsInt() @Min(1) quantity!: number;
  describe(): string {
    return `${this.quantity} x ${this.name}`;
  }
}

/** A provider Nest injects into {@link ConfTypedWorkflow}. */
@Injectable()
export class ConfPricing {
  price(quantity: number): number {
    return quantity * 3;
  }
}

@Workflow({ name: 'conf-typed', input: ConfTypedInput })
export class ConfTypedWorkflow {
  constructor(private readonly pricing: ConfPricing) {}

  @Step()
  check(ctx: StepContext<ConfTypedInput>) {
    return {
      isInstance: ctx.input instanceof ConfTypedInput,
      described: ctx.input.describe(),
      price: this.pricing.price(ctx.input.quantity),
    };
  }
}

@Workflow({ name: 'conf-idempotent' })
export class ConfIdempotentWorkflow {
  @Step() once(ctx: StepContext<{ key: string; n: number }>) {
    bump(ctx.input.key, 'once');
    return ctx.input.n;
  }
}

@Workflow({ name: 'conf-idempotent-other' })
export class ConfIdempotentOtherWorkflow {
  @Step() once(ctx: StepContext<{ key: string; n: number }>) {
    bump(ctx.input.key, 'other');
    return ctx.input.n;
  }
}

// --- output and input limits ---------------------------------------------------------------------------

@Workflow({ name: 'conf-echo' })
export class ConfEchoWorkflow {
  @Step() echo(ctx: StepContext) {
    return ctx.input ?? null;
  }
}

/** `produce` returns the kind of output the input asks for; `after` must never run when it is refused. */
@Workflow({ name: 'conf-outputs' })
export class ConfOutputsWorkflow {
  @Step()
  produce(ctx: StepContext<{ kind: 'map' | 'deep' | 'large'; size?: number }>) {
    if (ctx.input.kind === 'map') return { when: new Map([['a', 1]]) };
    if (ctx.input.kind === 'large') return { text: 'x'.repeat(ctx.input.size!) };
    let value: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) value = [value];
    return value;
  }
  @Step() after(ctx: StepContext) {
    bump(ctx.runId, 'after');
    return 'ran';
  }
}

/** Every workflow of the suite, and what they inject, for the app's providers. */
export const CONFORMANCE_PROVIDERS = [
  ConfPricing,
  ConfBackoffWorkflow,
  ConfEchoWorkflow,
  ConfOutputsWorkflow,
  ConfRouteWorkflow,
  ConfSkipsWorkflow,
  ConfOutputWorkflow,
  ConfFanOutWorkflow,
  ConfForEachWorkflow,
  ConfForEachItemsWorkflow,
  ConfRetryWorkflow,
  ConfSteeredWorkflow,
  ConfTimeoutFallbackWorkflow,
  ConfTimeoutFailWorkflow,
  ConfFallbackWorkflow,
  ConfFailFastWorkflow,
  ConfStopWorkflow,
  ConfStopRunningWorkflow,
  ConfCancelWorkflow,
  ConfDeadlineWorkflow,
  ConfChildWorkflow,
  ConfParentWorkflow,
  ConfChildWaitsWorkflow,
  ConfParentWaitsWorkflow,
  ConfOrderWorkflow,
  ConfTypedWorkflow,
  ConfIdempotentWorkflow,
  ConfIdempotentOtherWorkflow,
];
