import { beforeAll, describe, expect, it } from 'vitest';
import { type BatonClient } from '../../src/index.js';
import { probe, RETRY_POLICY } from '../support/conformance.workflows.js';
import { timeline } from '../trace.js';
import { type ConformanceContext, POLL } from './conformance-context.js';

/** Retries, timeouts, fallbacks, failure, stop, cancel and the workflow timeout. Part of the Transport conformance suite (see `../transport.conformance.ts`). */
export function describeRecovery(ctx: ConformanceContext): void {
  let client: BatonClient;
  beforeAll(() => {
    client = ctx.client;
  });
  const { traceOf, attemptsOf, skipReasons, abortsOf } = ctx;

  describe('retry, timeout and fallback', () => {
    it('retries with exponential backoff, capped and jittered within the policy, counting attempts', async () => {
      const handle = await client.start('conf-retry', { failures: 3 });
      await expect(handle.result()).resolves.toEqual({ attempt: 4 });
      const run = await client.getRun(handle.runId);
      expect(run.steps.call).toMatchObject({ status: 'succeeded', attempts: 4, output: { attempt: 4 } });
      expect(run.steps.call.error).toBeUndefined();
      const trace = await traceOf(handle.runId);
      expect(attemptsOf(trace, 'call')).toEqual([
        'step.scheduled:call',
        'step.started:call:#1',
        'step.retrying:call:#1',
        'step.started:call:#2',
        'step.retrying:call:#2',
        'step.started:call:#3',
        'step.retrying:call:#3',
        'step.started:call:#4',
        'step.succeeded:call:#4',
      ]);
      const retrying = trace.filter((e) => e.type === 'step.retrying');
      retrying.forEach((event, i) => {
        const attempt = i + 1;
        const full = Math.min(RETRY_POLICY.delay * 2 ** (attempt - 1), RETRY_POLICY.maxDelay);
        const { delayMs, error } = event.data;
        expect(error.message).toBe(`flaky ${attempt}`);
        expect(delayMs).toBeGreaterThanOrEqual(Math.floor(full * (1 - RETRY_POLICY.jitter)));
        expect(delayMs).toBeLessThanOrEqual(full);
        // The next attempt waited at least that long (1 ms for timer and clock rounding).
        const next = trace.find((e) => e.type === 'step.started' && e.attempt === attempt + 1)!;
        expect(next.ts - event.ts).toBeGreaterThanOrEqual(delayMs - 1);
      });
      const logs = trace.filter((e) => e.type === 'step.log').map((e) => e.data);
      expect(logs).toEqual([1, 2, 3, 4].map((n) => ({ message: `attempt ${n}`, data: { attempt: n } })));
      expect(probe.attempts.get(handle.runId)).toEqual(
        [1, 2, 3, 4].map((attempt) => ({ step: 'call', attempt, idempotencyKey: `${handle.runId}:call` })),
      );
    });

    it('fails the step once its last attempt fails', async () => {
      const handle = await client.start('conf-retry', { failures: 99 });
      await expect(handle.result()).rejects.toMatchObject({
        code: 'STEP_FAILED',
        step: 'call',
        message: expect.stringContaining('flaky 4'),
      });
      const run = await client.getRun(handle.runId);
      expect(run).toMatchObject({ status: 'failed', error: { code: 'STEP_FAILED' } });
      expect(run.steps.call).toMatchObject({ status: 'failed', attempts: 4, error: { message: 'flaky 4' } });
      const trace = await traceOf(handle.runId);
      expect(trace.filter((e) => e.type === 'step.retrying')).toHaveLength(3);
      expect(attemptsOf(trace, 'call').at(-1)).toBe('step.failed:call:#4');
    });

    it('stops retrying at once on NonRetryableError or when retryIf returns false, and goes on while it returns true', async () => {
      const nonRetryable = await client.start('conf-steered', { kind: 'non-retryable' });
      await expect(nonRetryable.result()).rejects.toMatchObject({
        code: 'STEP_FAILED',
        step: 'call',
        cause: { code: 'NON_RETRYABLE' },
      });
      expect((await client.getRun(nonRetryable.runId)).steps.call).toMatchObject({
        status: 'failed',
        attempts: 1,
        error: { name: 'NonRetryableError' },
      });
      expect((await traceOf(nonRetryable.runId)).filter((e) => e.type === 'step.retrying')).toEqual([]);

      const typeError = await client.start('conf-steered', { kind: 'type-error' });
      await expect(typeError.result()).rejects.toMatchObject({
        code: 'STEP_FAILED',
        cause: { name: 'TypeError', message: 'bad data' },
      });
      expect((await client.getRun(typeError.runId)).steps.call).toMatchObject({ status: 'failed', attempts: 1 });
      expect((await traceOf(typeError.runId)).filter((e) => e.type === 'step.retrying')).toEqual([]);

      const flaky = await client.start('conf-steered', { kind: 'flaky' });
      await expect(flaky.result()).resolves.toBe('ok');
      expect((await client.getRun(flaky.runId)).steps.call).toMatchObject({ status: 'succeeded', attempts: 3 });
      // Fixed backoff: every wait is `delay`.
      const delays = (await traceOf(flaky.runId)).filter((e) => e.type === 'step.retrying').map((e) => e.data.delayMs);
      expect(delays).toEqual([5, 5]);
    });

    it('waits delay * 2^(n-1) between attempts with exponential backoff and no jitter', async () => {
      const handle = await client.start('conf-backoff', {});
      await expect(handle.result()).resolves.toBe('ok');
      const trace = await traceOf(handle.runId);
      const delays = trace.filter((e) => e.type === 'step.retrying').map((e) => e.data.delayMs);
      expect(delays).toEqual([10, 20]);
      const started = trace.filter((e) => e.type === 'step.started').map((e) => e.ts);
      expect(started[1] - started[0]).toBeGreaterThanOrEqual(10 - 1);
      expect(started[2] - started[1]).toBeGreaterThanOrEqual(20 - 1);
    });

    it('times out each attempt with StepTimeoutError, retries, discards the late result, then recovers through the fallback', async () => {
      const handle = await client.start('conf-timeout-fallback', {});
      await expect(handle.result()).resolves.toEqual({ got: { fallback: 'STEP_TIMEOUT' } });
      const run = await client.getRun(handle.runId);
      expect(run.status).toBe('succeeded');
      expect(run.steps.fetch).toMatchObject({
        status: 'recovered',
        attempts: 2,
        output: { fallback: 'STEP_TIMEOUT' },
        error: { name: 'StepTimeoutError', code: 'STEP_TIMEOUT' },
      });
      await expect
        .poll(() => abortsOf(handle.runId).map((a) => `${a.step}:${a.code}`), POLL)
        .toEqual(['fetch:STEP_TIMEOUT', 'fetch:STEP_TIMEOUT']);
      // Attempt 1 answered while attempt 2 was due or running: its answer must not have been applied.
      await expect.poll(() => probe.late.some((l) => l.runId === handle.runId), POLL).toBe(true);
      const trace = await traceOf(handle.runId);
      expect(attemptsOf(trace, 'fetch')).toEqual([
        'step.scheduled:fetch',
        'step.started:fetch:#1',
        'step.retrying:fetch:#1',
        'step.started:fetch:#2',
        'step.recovered:fetch:#2',
      ]);
      const [started1, retrying, started2, recovered] = trace.filter(
        (e) => e.step === 'fetch' && e.type !== 'step.scheduled',
      );
      expect(retrying.data).toMatchObject({ error: { code: 'STEP_TIMEOUT' } });
      // Each attempt ran for its 40 ms timeout (2 ms for timer and clock rounding).
      expect(retrying.ts - started1.ts).toBeGreaterThanOrEqual(38);
      expect(recovered.ts - started2.ts).toBeGreaterThanOrEqual(38);
      expect((await client.getRun(handle.runId)).steps.fetch.output).toEqual({ fallback: 'STEP_TIMEOUT' });
    });

    it('fails the step with StepTimeoutError when its last attempt times out and it has no fallback', async () => {
      const handle = await client.start('conf-timeout-fail', {});
      await expect(handle.result()).rejects.toMatchObject({
        code: 'STEP_FAILED',
        step: 'fetch',
        cause: { code: 'STEP_TIMEOUT' },
      });
      const run = await client.getRun(handle.runId);
      expect(run.steps.fetch).toMatchObject({
        status: 'failed',
        attempts: 2,
        error: { name: 'StepTimeoutError', code: 'STEP_TIMEOUT' },
      });
      expect(run.steps.after).toMatchObject({ status: 'skipped', skipReason: 'failed' });
      const trace = await traceOf(handle.runId);
      expect(attemptsOf(trace, 'fetch')).toEqual([
        'step.scheduled:fetch',
        'step.started:fetch:#1',
        'step.retrying:fetch:#1',
        'step.started:fetch:#2',
        'step.failed:fetch:#2',
      ]);
      expect(timeline(trace).at(-1)).toBe('run.failed');
    });

    it('recovers through a fallback method, and fails the step when the fallback throws', async () => {
      const recovered = await client.start('conf-fallback', { fail: false });
      await expect(recovered.result()).resolves.toBe('last');
      const run = await client.getRun(recovered.runId);
      expect(run.steps.byMethod).toMatchObject({
        status: 'recovered',
        attempts: 1,
        output: 'canned (primary down)',
        error: { message: 'primary down' },
      });
      expect(run.steps.throwing).toMatchObject({ status: 'succeeded', output: { saw: 'canned (primary down)' } });
      expect(attemptsOf(await traceOf(recovered.runId), 'byMethod')).toEqual([
        'step.scheduled:byMethod',
        'step.started:byMethod:#1',
        'step.recovered:byMethod:#1',
      ]);

      const failed = await client.start('conf-fallback', { fail: true });
      await expect(failed.result()).rejects.toMatchObject({
        code: 'STEP_FAILED',
        step: 'throwing',
        cause: { message: 'fallback down too' },
      });
      const failedRun = await client.getRun(failed.runId);
      expect(failedRun.steps.throwing).toMatchObject({ status: 'failed', error: { message: 'fallback down too' } });
      expect(failedRun.steps.last).toMatchObject({ status: 'skipped', skipReason: 'failed' });
      expect(timeline(await traceOf(failed.runId)).at(-1)).toBe('run.failed');
    });
  });

  describe('failure, stop, cancel and timeout', () => {
    it('fails fast: a failed step aborts its running siblings and skips pending steps with reason failed', async () => {
      const handle = await client.start('conf-fail-fast', {});
      await expect(handle.result()).rejects.toMatchObject({
        code: 'STEP_FAILED',
        step: 'boom',
        cause: { code: 'NON_RETRYABLE' },
      });
      await expect.poll(() => abortsOf(handle.runId).map((a) => a.step), POLL).toEqual(['sibling']);
      const run = await client.getRun(handle.runId);
      expect(run).toMatchObject({ status: 'failed', error: { code: 'STEP_FAILED' } });
      expect(run.steps.boom).toMatchObject({ status: 'failed', error: { code: 'NON_RETRYABLE' } });
      expect(run.steps.sibling).toMatchObject({ status: 'failed', error: { code: 'STEP_ABORTED' } });
      expect(run.steps.after).toMatchObject({ status: 'skipped', skipReason: 'failed' });
      const trace = await traceOf(handle.runId);
      expect(trace.filter((e) => e.type === 'run.failed')).toHaveLength(1);
      expect(timeline(trace).at(-1)).toBe('run.failed');
    });

    it('ends the run with ctx.stop(output): succeeded with that output, steps not started skipped with reason stopped', async () => {
      const handle = await client.start('conf-stop', { cached: true });
      await expect(handle.result()).resolves.toEqual({ answer: 'from cache' });
      const run = await client.getRun(handle.runId);
      expect(run).toMatchObject({ status: 'succeeded', output: { answer: 'from cache' } });
      expect(run.steps.check).toMatchObject({ status: 'succeeded', output: { answer: 'from cache' } });
      expect(skipReasons(run)).toEqual({ compute: 'stopped', alsoCompute: 'stopped' });
      const trace = await traceOf(handle.runId);
      expect(trace.at(-1)).toMatchObject({ type: 'run.succeeded', data: { output: { answer: 'from cache' } } });
      expect(trace.filter((e) => e.type === 'step.started').map((e) => e.step)).toEqual(['check']);

      await expect(client.execute('conf-stop', { cached: false })).resolves.toEqual({
        compute: 'computed',
        alsoCompute: 'also',
      });
    });

    it('aborts running steps on ctx.stop() and discards their late results', async () => {
      const handle = await client.start('conf-stop-running', {});
      await expect(handle.result()).resolves.toEqual({ stoppedBy: 'stopper' });
      await expect.poll(() => abortsOf(handle.runId).map((a) => a.step), POLL).toEqual(['slow']);
      const run = await client.getRun(handle.runId);
      expect(run).toMatchObject({ status: 'succeeded', output: { stoppedBy: 'stopper' } });
      expect(run.steps.stopper).toMatchObject({ status: 'succeeded', output: { stoppedBy: 'stopper' } });
      expect(run.steps.slow).toMatchObject({ status: 'failed', error: { code: 'STEP_ABORTED' } });
      expect(run.steps.after).toMatchObject({ status: 'skipped', skipReason: 'stopped' });
      const trace = await traceOf(handle.runId);
      expect(trace.filter((e) => e.step === 'slow' && e.type === 'step.succeeded')).toEqual([]);
      expect(timeline(trace).at(-1)).toBe('run.succeeded');
    });

    it('cancels a run: running steps see ctx.signal abort, pending ones are skipped, result() rejects with RunCancelledError', async () => {
      const handle = await client.start('conf-cancel', {});
      await expect
        .poll(async () => (await client.trace(handle.runId)).filter((e) => e.type === 'step.started').length, POLL)
        .toBe(2);
      await expect(client.cancel(handle.runId, 'changed my mind')).resolves.toBe(true);
      await expect(handle.result()).rejects.toMatchObject({
        code: 'RUN_CANCELLED',
        message: expect.stringContaining('changed my mind'),
      });
      await expect
        .poll(
          () =>
            abortsOf(handle.runId)
              .map((a) => `${a.step}:${a.code}`)
              .sort(),
          POLL,
        )
        .toEqual(['a:STEP_ABORTED', 'b:STEP_ABORTED']);
      const run = await client.getRun(handle.runId);
      expect(run).toMatchObject({ status: 'cancelled', error: { code: 'RUN_CANCELLED' } });
      expect(run.steps.a).toMatchObject({ status: 'failed', error: { code: 'STEP_ABORTED' } });
      expect(run.steps.b).toMatchObject({ status: 'failed', error: { code: 'STEP_ABORTED' } });
      expect(run.steps.c).toMatchObject({ status: 'skipped', skipReason: 'cancelled', attempts: 0 });
      expect(timeline(await traceOf(handle.runId)).at(-1)).toBe('run.cancelled');
      await expect(client.cancel(handle.runId)).resolves.toBe(false);
    });

    it('fails a run that exceeds @Workflow({ timeout }) with WorkflowTimeoutError, aborting its running step', async () => {
      const handle = await client.start('conf-deadline', {});
      await expect(handle.result()).rejects.toMatchObject({ code: 'WORKFLOW_TIMEOUT' });
      await expect.poll(() => abortsOf(handle.runId).map((a) => a.step), POLL).toEqual(['forever']);
      const run = await client.getRun(handle.runId);
      expect(run).toMatchObject({
        status: 'failed',
        error: { name: 'WorkflowTimeoutError', code: 'WORKFLOW_TIMEOUT' },
      });
      expect(run.endedAt! - run.startedAt).toBeGreaterThanOrEqual(199);
      expect(run.steps.forever).toMatchObject({ status: 'failed', error: { code: 'STEP_ABORTED' } });
      expect(run.steps.never).toMatchObject({ status: 'skipped', skipReason: 'timeout' });
      expect(timeline(await traceOf(handle.runId)).at(-1)).toBe('run.failed');
    });
  });
}
