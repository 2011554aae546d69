import {
  LoopLimitError,
  MAX_TIMER_MS,
  NonRetryableError,
  serializeError,
  StepTimeoutError,
  type StepContext,
  type Usage,
} from '@baton/sdk';
import { indexGraph } from '../coordinator/graph-index.js';
import { ForEachItemsError } from '../errors/for-each-items.error.js';
import { InvalidDelayError } from '../errors/invalid-delay.error.js';
import { abortable, sleep } from './abortable.js';
import { createStepContext } from './create-step-context.js';
import { retryDelay } from './retry-delay.js';
import type { ExecutionHooks, StepJob } from './step-job.js';
import { eventAt } from './step-key.js';
import { StopSignal } from './stop-signal.js';
import { UsageMeter } from './usage-meter.js';

/**
 * A route that chose its back target in the last pass its loop allows: the `LoopLimitError` its attempt
 * fails with (not retried), so the route's `@Fallback` may choose an exit target instead.
 */
function loopLimitCrossed(job: StepJob, output: unknown): LoopLimitError | undefined {
  const loops = job.workflow.graph.loops;
  if (!loops) return undefined;
  const chosen = typeof output === 'string' ? [output] : Array.isArray(output) ? output : [];
  const loop = loops.find((l) => l.router === job.step && chosen.includes(l.target));
  if (!loop || (job.iteration ?? 1) < loop.maxIterations) return undefined;
  return new LoopLimitError(loop.target, loop.maxIterations, {
    workflow: job.workflow.name,
    step: job.step,
    runId: job.runId,
  });
}

/** A new usage meter for one attempt of a job. */
function meterOf(job: StepJob): UsageMeter {
  return new UsageMeter({ workflow: job.workflow.name, step: job.step, runId: job.runId });
}

/** How one attempt ended. `aborted`: the run ended first; `stopped`: the step called `ctx.stop()`. */
export type AttemptOutcome =
  | { kind: 'succeeded'; output: unknown; usage?: Usage }
  | { kind: 'failed'; error: unknown; usage?: Usage }
  | { kind: 'stopped' }
  | { kind: 'aborted' };

/**
 * Runs steps on their workflow instance: each attempt bounded by `@Timeout` through an `AbortSignal` (a
 * late result is discarded), retried per `@Retry` with backoff and jitter, and recovered by `@Fallback`.
 * Every transport uses it; the bull transport runs one attempt per job and lets Bull schedule retries.
 */
export class StepExecutor {
  constructor(private readonly hooks: ExecutionHooks) {}

  /** Runs every attempt of a step and its fallback, reporting each event; resolves when the step is settled. */
  async runStep(job: StepJob): Promise<void> {
    const node = indexGraph(job.workflow.graph).nodes.get(job.step)!;
    const at = eventAt(job);
    for (let attempt = 1; attempt <= node.retry.attempts; attempt++) {
      const outcome = await this.runAttempt(job, attempt);
      if (outcome.kind === 'aborted' || outcome.kind === 'stopped') return;
      if (outcome.kind === 'succeeded') {
        const usage = outcome.usage && { usage: outcome.usage };
        job.report({ type: 'step.succeeded', at: this.hooks.now(), ...at, attempt, output: outcome.output, ...usage });
        return;
      }
      const delayMs = this.retryAfter(job, outcome.error, attempt, outcome.usage);
      if (delayMs === undefined) {
        await this.settleFailure(job, outcome.error, attempt, outcome.usage);
        return;
      }
      try {
        await sleep(delayMs, job.signal);
      } catch {
        return;
      }
    }
  }

  /**
   * After a failed attempt: when the step may try again (attempts left, the error retryable), reports
   * `step.retrying` and resolves with the delay before the next attempt (backoff, cap and jitter);
   * otherwise undefined, and the caller settles the failure ({@link settleFailure}). Every transport
   * decides retries here: the memory transport sleeps, the bull transport hands the delay to Bull.
   */
  retryAfter(job: StepJob, error: unknown, attempt: number, usage?: Usage): number | undefined {
    const policy = indexGraph(job.workflow.graph).nodes.get(job.step)!.retry;
    if (attempt >= policy.attempts || !this.isRetryable(job, error, attempt)) return undefined;
    const delayMs = retryDelay(policy, attempt, this.hooks.random);
    job.report(
      {
        type: 'step.retrying',
        at: this.hooks.now(),
        ...eventAt(job),
        attempt,
        error: serializeError(error),
        delayMs,
        ...(usage && { usage }),
      },
      error,
    );
    return delayMs;
  }

  /**
   * Runs one attempt: reports `step.started` (unless `announced`: the transport recorded it already),
   * calls the method, bounds it by the step's timeout.
   */
  async runAttempt(job: StepJob, attempt: number, announced = false): Promise<AttemptOutcome> {
    if (job.signal.aborted) return { kind: 'aborted' };
    const node = indexGraph(job.workflow.graph).nodes.get(job.step)!;
    await this.hooks.slots.acquire();
    // Only a step with a timeout needs a signal of its own; the others use the run's (AbortSignals are costly).
    const controller = node.timeoutMs === undefined ? undefined : new AbortController();
    const onRunAbort = (): void => controller!.abort(job.signal.reason);
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (controller) {
      job.signal.addEventListener('abort', onRunAbort, { once: true });
      const error = new StepTimeoutError(node.timeoutMs!, {
        workflow: job.workflow.name,
        step: job.step,
        runId: job.runId,
      });
      timer = setTimeout(() => controller.abort(error), node.timeoutMs);
    }
    const signal = controller?.signal ?? job.signal;
    const meter = meterOf(job);
    try {
      if (!announced)
        job.report({
          type: 'step.started',
          at: this.hooks.now(),
          ...eventAt(job),
          attempt,
          ...(this.hooks.workerId !== undefined && { worker: this.hooks.workerId }),
        });
      const ctx = createStepContext(job, attempt, signal, this.hooks, meter);
      const method = (job.workflow.instance as Record<string, (ctx: StepContext) => unknown>)[job.step];
      const output = await abortable(
        Promise.resolve().then(() => method.call(job.workflow.instance, ctx)),
        signal,
      );
      const overLimit = loopLimitCrossed(job, output);
      if (overLimit) return { kind: 'failed', error: overLimit, ...meter.report() };
      return { kind: 'succeeded', output, ...meter.report() };
    } catch (error) {
      if (job.signal.aborted) return { kind: 'aborted' };
      if (error instanceof StopSignal) return { kind: 'stopped' };
      return { kind: 'failed', error, ...meter.report() };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      if (controller) job.signal.removeEventListener('abort', onRunAbort);
      this.hooks.slots.release();
    }
  }

  /** Whether an attempt's error may be retried: not a `NonRetryableError`, and `retryIf` (if any) agrees. */
  isRetryable(job: StepJob, error: unknown, attempt: number): boolean {
    if (error instanceof NonRetryableError || error instanceof LoopLimitError) return false;
    const retryIf = job.workflow.compiled.steps[job.step]?.retryIf;
    if (!retryIf) return true;
    try {
      return retryIf(error, attempt) === true;
    } catch {
      return false;
    }
  }

  /** After the last attempt failed: runs the fallback (reporting `step.recovered`) or reports `step.failed`. */
  async settleFailure(job: StepJob, error: unknown, attempt: number, usage?: Usage): Promise<void> {
    const at = eventAt(job);
    const fallback = job.workflow.compiled.steps[job.step]?.fallback;
    const meter = meterOf(job);
    if (usage) meter.add(usage);
    if (!fallback || job.signal.aborted) {
      if (!job.signal.aborted)
        job.report(
          {
            type: 'step.failed',
            at: this.hooks.now(),
            ...at,
            attempt,
            error: serializeError(error),
            ...meter.report(),
          },
          error,
        );
      return;
    }
    const ctx = createStepContext(job, attempt, job.signal, this.hooks, meter);
    try {
      const value = await abortable(
        Promise.resolve().then(() =>
          fallback.kind === 'function'
            ? fallback.fn(ctx, error)
            : (job.workflow.instance as Record<string, (c: StepContext, e: unknown) => unknown>)[fallback.method].call(
                job.workflow.instance,
                ctx,
                error,
              ),
        ),
        job.signal,
      );
      job.report(
        {
          type: 'step.recovered',
          at: this.hooks.now(),
          ...at,
          attempt,
          output: value,
          error: serializeError(error),
          ...meter.report(),
        },
        error,
      );
    } catch (fallbackError) {
      if (job.signal.aborted || fallbackError instanceof StopSignal) return;
      job.report(
        {
          type: 'step.failed',
          at: this.hooks.now(),
          ...at,
          attempt,
          error: serializeError(fallbackError),
          ...meter.report(),
        },
        fallbackError,
      );
    }
  }

  /**
   * Evaluates a `@Delay((ctx) => ms)` function; resolves with the delay, or undefined after reporting
   * `step.failed` when it throws or returns something other than milliseconds (0 … MAX_TIMER_MS).
   */
  async delayOf(job: StepJob): Promise<number | undefined> {
    const delay = job.workflow.compiled.steps[job.step]?.delay;
    const meter = meterOf(job);
    try {
      const ms: unknown = await Promise.resolve().then(() =>
        delay!(createStepContext(job, 1, job.signal, this.hooks, meter)),
      );
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > MAX_TIMER_MS) {
        throw new InvalidDelayError(job.workflow.name, job.step, ms, job.runId);
      }
      return Math.round(ms);
    } catch (error) {
      if (!job.signal.aborted) {
        job.report(
          { type: 'step.failed', at: this.hooks.now(), ...eventAt(job), attempt: 0, error: serializeError(error) },
          error,
        );
      }
      return undefined;
    }
  }

  /** Evaluates a forEach step's item function; reports `step.expanded` or `step.failed`. Resolves with the items. */
  async expand(job: StepJob): Promise<readonly unknown[] | undefined> {
    const forEach = job.workflow.compiled.steps[job.step]?.forEach;
    const meter = meterOf(job);
    const ctx = createStepContext(job, 1, job.signal, this.hooks, meter);
    try {
      const items: unknown = await abortable(
        Promise.resolve().then(() => forEach!(ctx)),
        job.signal,
      );
      if (!Array.isArray(items)) {
        const got = items === null ? 'null' : typeof items;
        throw new ForEachItemsError(job.workflow.name, job.step, got, job.runId);
      }
      job.report({
        type: 'step.expanded',
        at: this.hooks.now(),
        ...eventAt(job),
        count: items.length,
        ...meter.report(),
      });
      return items as readonly unknown[];
    } catch (error) {
      if (!job.signal.aborted && !(error instanceof StopSignal)) {
        job.report(
          {
            type: 'step.failed',
            at: this.hooks.now(),
            ...eventAt(job),
            attempt: 1,
            error: serializeError(error),
            ...meter.report(),
          },
          error,
        );
      }
      return undefined;
    }
  }
}
