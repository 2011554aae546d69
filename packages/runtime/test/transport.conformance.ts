import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider, Type } from '@nestjs/common';
import {
  DEFAULT_MAX_INPUT_BYTES,
  DEFAULT_MAX_INPUT_DEPTH,
  DEFAULT_MAX_OUTPUT_BYTES,
  DEFAULT_MAX_OUTPUT_DEPTH,
  type BatonClient,
  type RunSnapshot,
  type TraceEvent,
} from '../src/index.js';
import { CONFORMANCE_PROVIDERS, ConfOutputWorkflow, countOf, probe, RETRY_POLICY } from './support/conformance.workflows.js';
import { recordEvents, timeline } from './trace.js';

/** What the suite needs of an app: its client, and a way to stop it (and drop whatever it stored). */
export interface ConformanceApp {
  client: BatonClient;
  close(): Promise<void>;
}

/** Boots an app of one transport with the given providers (the suite's workflow classes). */
export type MakeConformanceApp = (providers: Array<Type | Provider>) => Promise<ConformanceApp>;

/** How long a poll for asynchronous work may take before the test fails. */
const POLL = { timeout: 5_000, interval: 5 };

/**
 * Every semantic behaviour a {@link Transport} must have, run against each implementation (memory and
 * bull) through the public `BatonClient` only, in the manner of BullMQ's backend conformance suite. One
 * app serves the whole suite; tests never share a run, an input key or an idempotency key.
 */
export function transportConformance(name: string, makeApp: MakeConformanceApp): void {
  describe(`Transport conformance: ${name}`, () => {
    let app: ConformanceApp;
    let client: BatonClient;
    let live: ReturnType<typeof recordEvents>;

    beforeAll(async () => {
      app = await makeApp(CONFORMANCE_PROVIDERS);
      client = app.client;
      live = recordEvents(client);
    });
    afterAll(async () => {
      live?.stop();
      await app?.close();
    });

    /** The stored trace of a run, checked to be numbered 1, 2, 3… without gaps or duplicates. */
    async function traceOf(runId: string): Promise<TraceEvent[]> {
      const trace = await client.trace(runId);
      expect(trace.map((e) => e.seq)).toEqual(trace.map((_e, i) => i + 1));
      expect(trace.every((e) => e.runId === runId)).toBe(true);
      return trace;
    }

    /** Step timelines without `step.log` (whose events carry no attempt). */
    const attemptsOf = (trace: TraceEvent[], step: string) => timeline(trace.filter((e) => e.type !== 'step.log'), step);
    const statuses = (run: RunSnapshot) => Object.fromEntries(Object.values(run.steps).map((s) => [s.name, s.status]));
    const skipReasons = (run: RunSnapshot) =>
      Object.fromEntries(Object.values(run.steps).filter((s) => s.status === 'skipped').map((s) => [s.name, s.skipReason]));
    const abortsOf = (runId: string) => probe.aborts.filter((a) => a.runId === runId);
    const childOf = (trace: TraceEvent[]) =>
      (trace.find((e) => e.type === 'step.log' && (e.data as { data?: { childRunId?: string } }).data?.childRunId) as
        | { data: { data: { childRunId: string } } }
        | undefined)?.data.data.childRunId;

    describe('routing and joins', () => {
      it('runs the chosen branch, skips the other with reason route, and runs the join after them exactly once', async () => {
        const billing = await client.start('conf-route', { kind: 'billing' });
        await expect(billing.result()).resolves.toEqual({ answers: ['billing-answer'], sawBug: null });
        const run = await client.getRun(billing.runId);
        expect(run).toMatchObject({ status: 'succeeded', output: { answers: ['billing-answer'], sawBug: null } });
        expect(run.steps.route).toMatchObject({ status: 'succeeded', output: 'billing' });
        expect(run.steps.billing).toMatchObject({ status: 'succeeded', attempts: 1, output: 'billing-answer' });
        expect(run.steps.bug).toMatchObject({ status: 'skipped', skipReason: 'route', attempts: 0 });
        expect(run.steps.join).toMatchObject({ status: 'succeeded', attempts: 1 });
        expect(countOf(billing.runId, 'join')).toBe(1);
        expect(timeline(await traceOf(billing.runId))).toEqual([
          'run.started',
          'step.scheduled:classify',
          'step.started:classify:#1',
          'step.succeeded:classify:#1',
          'step.scheduled:route',
          'step.started:route:#1',
          'step.succeeded:route:#1',
          'step.skipped:bug',
          'step.scheduled:billing',
          'step.started:billing:#1',
          'step.succeeded:billing:#1',
          'step.scheduled:join',
          'step.started:join:#1',
          'step.succeeded:join:#1',
          'run.succeeded',
        ]);

        const bug = await client.start('conf-route', { kind: 'bug' });
        await expect(bug.result()).resolves.toEqual({ answers: ['bug-answer'], sawBug: 'bug-answer' });
        expect(skipReasons(await client.getRun(bug.runId))).toEqual({ billing: 'route' });
        expect(countOf(bug.runId, 'join')).toBe(1);
      });

      it('runs every target a route returns in an array, then the join once', async () => {
        const handle = await client.start('conf-route', { kind: 'both' });
        await expect(handle.result()).resolves.toEqual({ answers: ['billing-answer', 'bug-answer'], sawBug: 'bug-answer' });
        const run = await client.getRun(handle.runId);
        expect(skipReasons(run)).toEqual({});
        expect(countOf(handle.runId, 'join')).toBe(1);
        const trace = await traceOf(handle.runId);
        expect(trace.filter((e) => e.type === 'step.scheduled' && e.step === 'join')).toHaveLength(1);
      });

      it('skips the join with reason upstream when the route chose no target; the run succeeds without output', async () => {
        const handle = await client.start('conf-route', { kind: 'none' });
        await expect(handle.result()).resolves.toBeUndefined();
        const run = await client.getRun(handle.runId);
        expect(run.status).toBe('succeeded');
        expect(run.output).toBeUndefined();
        expect(skipReasons(run)).toEqual({ billing: 'route', bug: 'route', join: 'upstream' });
        expect(countOf(handle.runId, 'join')).toBe(0);
        expect(timeline(await traceOf(handle.runId)).slice(-5)).toEqual([
          'step.succeeded:route:#1',
          'step.skipped:billing',
          'step.skipped:bug',
          'step.skipped:join',
          'run.succeeded',
        ]);
      });

      it('fails a route that returns something else with a RouteError naming the allowed targets', async () => {
        const handle = await client.start('conf-route', { kind: 'bogus' });
        await expect(handle.result()).rejects.toMatchObject({ code: 'STEP_FAILED', step: 'route', cause: { code: 'ROUTE' } });
        const run = await client.getRun(handle.runId);
        expect(run).toMatchObject({ status: 'failed', error: { code: 'STEP_FAILED' } });
        expect(run.steps.route).toMatchObject({ status: 'failed', error: { name: 'RouteError', code: 'ROUTE' } });
        expect(run.steps.route!.error!.message).toContain("'billing', 'bug'");
        expect(skipReasons(run)).toEqual({ billing: 'failed', bug: 'failed', join: 'failed' });
        expect(timeline(await traceOf(handle.runId)).at(-1)).toBe('run.failed');
      });

      it('runs a join after a skipped branch once, and skips with reason upstream every step whose dependencies were all skipped', async () => {
        const left = await client.start('conf-skips', { side: 'left' });
        await expect(left.result()).resolves.toEqual({ left: 'L', rightTail: null });
        const leftRun = await client.getRun(left.runId);
        expect(skipReasons(leftRun)).toEqual({ right: 'route', rightTail: 'upstream', rightOnly: 'upstream' });
        expect(leftRun.steps.join).toMatchObject({ status: 'succeeded', attempts: 1 });
        expect(countOf(left.runId, 'join')).toBe(1);
        const trace = await traceOf(left.runId);
        expect(trace.filter((e) => e.step === 'join' && e.type === 'step.started')).toHaveLength(1);

        const right = await client.start('conf-skips', { side: 'right' });
        await expect(right.result()).resolves.toEqual({ join: { left: null, rightTail: 'RT' }, rightOnly: 'RO' });
        expect(skipReasons(await client.getRun(right.runId))).toEqual({ left: 'route' });
        expect(countOf(right.runId, 'join')).toBe(1);
      });

      it('outputs the @Workflow({ output }) step, started by name or by class', async () => {
        await expect(client.execute('conf-output', {})).resolves.toBe('chosen');
        await expect(client.execute(ConfOutputWorkflow, {})).resolves.toBe('chosen');
      });
    });

    describe('parallel and forEach', () => {
      it('runs parallel members at the same time and their join exactly once, after all of them', async () => {
        const handle = await client.start('conf-fan-out', { meet: true });
        await expect(handle.result()).resolves.toEqual(['A', 'B', 'C']);
        const run = await client.getRun(handle.runId);
        expect(statuses(run)).toEqual({ plan: 'succeeded', a: 'succeeded', b: 'succeeded', c: 'succeeded', join: 'succeeded' });
        for (const step of ['a', 'b', 'c', 'join']) expect(countOf(handle.runId, step)).toBe(1);
        const lines = timeline(await traceOf(handle.runId));
        const at = (line: string) => lines.indexOf(line);
        expect(lines.filter((l) => l === 'step.scheduled:join')).toHaveLength(1);
        for (const member of ['a', 'b', 'c']) {
          expect(at(`step.scheduled:${member}`)).toBeGreaterThan(at('step.succeeded:plan:#1'));
          expect(at('step.scheduled:join')).toBeGreaterThan(at(`step.succeeded:${member}:#1`));
        }
      });

      it('starts the join exactly once when the members finish together (20 concurrent runs)', async () => {
        const handles = await Promise.all(Array.from({ length: 20 }, () => client.start('conf-fan-out', { meet: false })));
        await Promise.all(handles.map((h) => expect(h.result()).resolves.toEqual(['A', 'B', 'C'])));
        for (const { runId } of handles) {
          const trace = await traceOf(runId);
          expect(trace.filter((e) => e.step === 'join' && e.type === 'step.scheduled')).toHaveLength(1);
          expect(trace.filter((e) => e.step === 'join' && e.type === 'step.started')).toHaveLength(1);
          expect(countOf(runId, 'join')).toBe(1);
        }
      });

      it('runs forEach items at most `concurrency` at a time, with outputs in item order', async () => {
        const handle = await client.start('conf-for-each', { items: [5, 1, 4, 2, 3] });
        await expect(handle.result()).resolves.toEqual({ squares: [25, 1, 16, 4, 9], total: 55 });
        expect(probe.gauges.get(handle.runId)).toEqual({ running: 0, peak: 2 });
        const run = await client.getRun(handle.runId);
        expect(run.steps.square).toMatchObject({ status: 'succeeded', output: [25, 1, 16, 4, 9], attempts: 5, items: 5 });
        const trace = await traceOf(handle.runId);
        const started = trace.filter((e) => e.type === 'step.started' && e.step === 'square').map((e) => e.index);
        expect([...started].sort()).toEqual([0, 1, 2, 3, 4]);
        // The trace agrees: never more than two items between step.started and their end.
        let running = 0;
        let peak = 0;
        for (const e of trace.filter((e) => e.step === 'square' && e.index !== undefined)) {
          if (e.type === 'step.started') peak = Math.max(peak, ++running);
          if (e.type === 'step.succeeded') running -= 1;
        }
        expect(peak).toBeLessThanOrEqual(2);
        expect(probe.attempts.get(handle.runId)!.map((a) => a.idempotencyKey).sort()).toEqual(
          [0, 1, 2, 3, 4].map((i) => `${handle.runId}:square:${i}`),
        );
      });

      it('completes a forEach over zero items with [] and runs what follows', async () => {
        const handle = await client.start('conf-for-each', { items: [] });
        await expect(handle.result()).resolves.toEqual({ squares: [], total: 0 });
        const run = await client.getRun(handle.runId);
        expect(run.steps.square).toMatchObject({ status: 'succeeded', output: [], attempts: 0, items: 0 });
        expect(run.steps.sum).toMatchObject({ status: 'succeeded' });
        const trace = await traceOf(handle.runId);
        expect(trace.filter((e) => e.step === 'square' && e.index !== undefined)).toEqual([]);
        expect(probe.attempts.get(handle.runId)).toBeUndefined();
      });

      it('retries a forEach item on its own', async () => {
        const handle = await client.start('conf-for-each-items', { items: ['ok', 'flaky'] });
        await expect(handle.result()).resolves.toEqual(['ok!', 'flaky!']);
        expect((await client.getRun(handle.runId)).steps.each).toMatchObject({ status: 'succeeded', attempts: 3, items: 2 });
        const trace = await traceOf(handle.runId);
        expect(timeline(trace.filter((e) => e.index === 1))).toEqual([
          'step.scheduled:each:[1]',
          'step.started:each:[1]:#1',
          'step.retrying:each:[1]:#1',
          'step.started:each:[1]:#2',
          'step.succeeded:each:[1]:#2',
        ]);
        expect(timeline(trace.filter((e) => e.index === 0))).toEqual(['step.scheduled:each:[0]', 'step.started:each:[0]:#1', 'step.succeeded:each:[0]:#1']);
        const keys = probe.attempts.get(handle.runId)!.filter((a) => a.index === 1).map((a) => a.idempotencyKey);
        expect(keys).toEqual([`${handle.runId}:each:1`, `${handle.runId}:each:1`]);
      });

      it('fails a forEach step when an item fails for good, aborting its other running items', async () => {
        const handle = await client.start('conf-for-each-items', { items: ['waits', 'broken'] });
        await expect(handle.result()).rejects.toMatchObject({ code: 'STEP_FAILED', step: 'each', cause: { code: 'NON_RETRYABLE' } });
        await expect.poll(() => abortsOf(handle.runId).map((a) => `${a.step}[${a.index}]`), POLL).toEqual(['each[0]']);
        const run = await client.getRun(handle.runId);
        expect(run).toMatchObject({ status: 'failed', error: { code: 'STEP_FAILED' } });
        expect(run.steps.each).toMatchObject({ status: 'failed', error: { code: 'NON_RETRYABLE', message: 'broken item' } });
        const trace = await traceOf(handle.runId);
        // A NonRetryableError ends the item's retries at once.
        expect(trace.filter((e) => e.type === 'step.retrying')).toEqual([]);
        expect(timeline(trace).at(-1)).toBe('run.failed');
      });
    });

    describe('retry, timeout and fallback', () => {
      it('retries with exponential backoff, capped and jittered within the policy, counting attempts', async () => {
        const handle = await client.start('conf-retry', { failures: 3 });
        await expect(handle.result()).resolves.toEqual({ attempt: 4 });
        const run = await client.getRun(handle.runId);
        expect(run.steps.call).toMatchObject({ status: 'succeeded', attempts: 4, output: { attempt: 4 } });
        expect(run.steps.call!.error).toBeUndefined();
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
          const { delayMs, error } = event.data as { delayMs: number; error: { message: string } };
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
        await expect(handle.result()).rejects.toMatchObject({ code: 'STEP_FAILED', step: 'call', message: expect.stringContaining('flaky 4') });
        const run = await client.getRun(handle.runId);
        expect(run).toMatchObject({ status: 'failed', error: { code: 'STEP_FAILED' } });
        expect(run.steps.call).toMatchObject({ status: 'failed', attempts: 4, error: { message: 'flaky 4' } });
        const trace = await traceOf(handle.runId);
        expect(trace.filter((e) => e.type === 'step.retrying')).toHaveLength(3);
        expect(attemptsOf(trace, 'call').at(-1)).toBe('step.failed:call:#4');
      });

      it('stops retrying at once on NonRetryableError or when retryIf returns false, and goes on while it returns true', async () => {
        const nonRetryable = await client.start('conf-steered', { kind: 'non-retryable' });
        await expect(nonRetryable.result()).rejects.toMatchObject({ code: 'STEP_FAILED', step: 'call', cause: { code: 'NON_RETRYABLE' } });
        expect((await client.getRun(nonRetryable.runId)).steps.call).toMatchObject({ status: 'failed', attempts: 1, error: { name: 'NonRetryableError' } });
        expect((await traceOf(nonRetryable.runId)).filter((e) => e.type === 'step.retrying')).toEqual([]);

        const typeError = await client.start('conf-steered', { kind: 'type-error' });
        await expect(typeError.result()).rejects.toMatchObject({ code: 'STEP_FAILED', cause: { name: 'TypeError', message: 'bad data' } });
        expect((await client.getRun(typeError.runId)).steps.call).toMatchObject({ status: 'failed', attempts: 1 });
        expect((await traceOf(typeError.runId)).filter((e) => e.type === 'step.retrying')).toEqual([]);

        const flaky = await client.start('conf-steered', { kind: 'flaky' });
        await expect(flaky.result()).resolves.toBe('ok');
        expect((await client.getRun(flaky.runId)).steps.call).toMatchObject({ status: 'succeeded', attempts: 3 });
        // Fixed backoff: every wait is `delay`.
        const delays = (await traceOf(flaky.runId)).filter((e) => e.type === 'step.retrying').map((e) => (e.data as { delayMs: number }).delayMs);
        expect(delays).toEqual([5, 5]);
      });

      it('waits delay * 2^(n-1) between attempts with exponential backoff and no jitter', async () => {
        const handle = await client.start('conf-backoff', {});
        await expect(handle.result()).resolves.toBe('ok');
        const trace = await traceOf(handle.runId);
        const delays = trace.filter((e) => e.type === 'step.retrying').map((e) => (e.data as { delayMs: number }).delayMs);
        expect(delays).toEqual([10, 20]);
        const started = trace.filter((e) => e.type === 'step.started').map((e) => e.ts);
        expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(10 - 1);
        expect(started[2]! - started[1]!).toBeGreaterThanOrEqual(20 - 1);
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
        await expect.poll(() => abortsOf(handle.runId).map((a) => `${a.step}:${a.code}`), POLL).toEqual(['fetch:STEP_TIMEOUT', 'fetch:STEP_TIMEOUT']);
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
        const [started1, retrying, started2, recovered] = trace.filter((e) => e.step === 'fetch' && e.type !== 'step.scheduled');
        expect(retrying!.data).toMatchObject({ error: { code: 'STEP_TIMEOUT' } });
        // Each attempt ran for its 40 ms timeout (2 ms for timer and clock rounding).
        expect(retrying!.ts - started1!.ts).toBeGreaterThanOrEqual(38);
        expect(recovered!.ts - started2!.ts).toBeGreaterThanOrEqual(38);
        expect((await client.getRun(handle.runId)).steps.fetch!.output).toEqual({ fallback: 'STEP_TIMEOUT' });
      });

      it('fails the step with StepTimeoutError when its last attempt times out and it has no fallback', async () => {
        const handle = await client.start('conf-timeout-fail', {});
        await expect(handle.result()).rejects.toMatchObject({ code: 'STEP_FAILED', step: 'fetch', cause: { code: 'STEP_TIMEOUT' } });
        const run = await client.getRun(handle.runId);
        expect(run.steps.fetch).toMatchObject({ status: 'failed', attempts: 2, error: { name: 'StepTimeoutError', code: 'STEP_TIMEOUT' } });
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
        expect(run.steps.byMethod).toMatchObject({ status: 'recovered', attempts: 1, output: 'canned (primary down)', error: { message: 'primary down' } });
        expect(run.steps.throwing).toMatchObject({ status: 'succeeded', output: { saw: 'canned (primary down)' } });
        expect(attemptsOf(await traceOf(recovered.runId), 'byMethod')).toEqual([
          'step.scheduled:byMethod',
          'step.started:byMethod:#1',
          'step.recovered:byMethod:#1',
        ]);

        const failed = await client.start('conf-fallback', { fail: true });
        await expect(failed.result()).rejects.toMatchObject({ code: 'STEP_FAILED', step: 'throwing', cause: { message: 'fallback down too' } });
        const failedRun = await client.getRun(failed.runId);
        expect(failedRun.steps.throwing).toMatchObject({ status: 'failed', error: { message: 'fallback down too' } });
        expect(failedRun.steps.last).toMatchObject({ status: 'skipped', skipReason: 'failed' });
        expect(timeline(await traceOf(failed.runId)).at(-1)).toBe('run.failed');
      });
    });

    describe('failure, stop, cancel and timeout', () => {
      it('fails fast: a failed step aborts its running siblings and skips pending steps with reason failed', async () => {
        const handle = await client.start('conf-fail-fast', {});
        await expect(handle.result()).rejects.toMatchObject({ code: 'STEP_FAILED', step: 'boom', cause: { code: 'NON_RETRYABLE' } });
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

        await expect(client.execute('conf-stop', { cached: false })).resolves.toEqual({ compute: 'computed', alsoCompute: 'also' });
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
        await expect.poll(async () => (await client.trace(handle.runId)).filter((e) => e.type === 'step.started').length, POLL).toBe(2);
        await expect(client.cancel(handle.runId, 'changed my mind')).resolves.toBe(true);
        await expect(handle.result()).rejects.toMatchObject({ code: 'RUN_CANCELLED', message: expect.stringContaining('changed my mind') });
        await expect.poll(() => abortsOf(handle.runId).map((a) => `${a.step}:${a.code}`).sort(), POLL).toEqual(['a:STEP_ABORTED', 'b:STEP_ABORTED']);
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
        expect(run).toMatchObject({ status: 'failed', error: { name: 'WorkflowTimeoutError', code: 'WORKFLOW_TIMEOUT' } });
        expect(run.endedAt! - run.startedAt).toBeGreaterThanOrEqual(199);
        expect(run.steps.forever).toMatchObject({ status: 'failed', error: { code: 'STEP_ABORTED' } });
        expect(run.steps.never).toMatchObject({ status: 'skipped', skipReason: 'timeout' });
        expect(timeline(await traceOf(handle.runId)).at(-1)).toBe('run.failed');
      });
    });

    describe('child runs', () => {
      it('runs a child with ctx.run (by class or name), returns its output, and links parent and child', async () => {
        for (const byName of [false, true]) {
          const handle = await client.start('conf-parent', { n: 4, byName });
          await expect(handle.result()).resolves.toEqual({ child: 8 });
          const parentTrace = await traceOf(handle.runId);
          const childId = childOf(parentTrace);
          expect(childId).toBeDefined();
          const child = await client.getRun(childId!);
          expect(child).toMatchObject({ workflow: 'conf-child', status: 'succeeded', output: 8, parentRunId: handle.runId, input: { n: 4 } });
          expect((await traceOf(childId!))[0]).toMatchObject({ type: 'run.started', data: { parentRunId: handle.runId } });
          const listed = (await client.listRuns({ workflow: 'conf-child', limit: 1000 })).runs.find((r) => r.runId === childId);
          expect(listed).toMatchObject({ parentRunId: handle.runId, status: 'succeeded' });
        }
      });

      it('fails the parent step when its child run fails', async () => {
        const handle = await client.start('conf-parent', { n: -1 });
        await expect(handle.result()).rejects.toMatchObject({ code: 'STEP_FAILED', step: 'spawn' });
        const run = await client.getRun(handle.runId);
        expect(run.steps.spawn).toMatchObject({ status: 'failed' });
        expect(run.steps.after).toMatchObject({ status: 'skipped', skipReason: 'failed' });
        const childId = childOf(await traceOf(handle.runId));
        const child = await client.getRun(childId!);
        expect(child).toMatchObject({ status: 'failed', parentRunId: handle.runId, error: { code: 'STEP_FAILED' } });
        expect(child.steps.double).toMatchObject({ status: 'failed', error: { code: 'NON_RETRYABLE', message: 'cannot double -1' } });
      });

      it('cancels the child run when its parent is cancelled', async () => {
        const handle = await client.start('conf-parent-waits', {});
        let childId: string | undefined;
        await expect.poll(async () => (childId = childOf(await client.trace(handle.runId))), POLL).toBeDefined();
        await expect.poll(async () => (await client.trace(childId!)).some((e) => e.type === 'step.started'), POLL).toBe(true);
        await expect(client.cancel(handle.runId)).resolves.toBe(true);
        await expect(handle.result()).rejects.toMatchObject({ code: 'RUN_CANCELLED' });
        await expect.poll(async () => (await client.getRun(childId!)).status, POLL).toBe('cancelled');
        await expect.poll(() => abortsOf(childId!).map((a) => a.step), POLL).toEqual(['hold']);
        expect(await client.getRun(childId!)).toMatchObject({ parentRunId: handle.runId, steps: { hold: { status: 'failed', error: { code: 'STEP_ABORTED' } } } });
      });
    });

    describe('rerun', () => {
      it('reruns from the first failed step by default, keeping the steps before it, then from a given step', async () => {
        const key = randomUUID();
        const failed = await client.start('conf-order', { key, failCharge: true });
        await expect(failed.result()).rejects.toMatchObject({ code: 'STEP_FAILED', step: 'charge', message: expect.stringContaining('card declined') });
        expect([countOf(key, 'quote'), countOf(key, 'charge'), countOf(key, 'receipt')]).toEqual([1, 1, 0]);
        expect(skipReasons(await client.getRun(failed.runId))).toEqual({ receipt: 'failed' });

        const rerun = await client.rerun(failed.runId);
        await expect(rerun.result()).resolves.toBe('charged 5');
        expect([countOf(key, 'quote'), countOf(key, 'charge'), countOf(key, 'receipt')]).toEqual([1, 2, 1]);
        const run = await client.getRun(rerun.runId);
        expect(run).toMatchObject({ status: 'succeeded', rerunOf: failed.runId, input: { key, failCharge: true } });
        expect(run.steps.quote).toMatchObject({ status: 'succeeded', output: 5 });
        const trace = await traceOf(rerun.runId);
        expect(trace[0]).toMatchObject({ type: 'run.started', data: { rerunOf: failed.runId, reused: ['quote'] } });
        expect(trace.filter((e) => e.type === 'step.started').map((e) => e.step)).toEqual(['charge', 'receipt']);

        const fromQuote = await client.rerun(rerun.runId, { fromStep: 'quote' });
        await expect(fromQuote.result()).resolves.toBe('charged 5');
        expect([countOf(key, 'quote'), countOf(key, 'charge'), countOf(key, 'receipt')]).toEqual([2, 3, 2]);
        expect((await client.getRun(fromQuote.runId)).rerunOf).toBe(rerun.runId);

        await expect(client.rerun(rerun.runId, { fromStep: 'nope' })).rejects.toMatchObject({ code: 'INVALID_RUN_OPERATION' });
        await expect(client.rerun(rerun.runId)).rejects.toMatchObject({ code: 'INVALID_RUN_OPERATION', message: expect.stringContaining('no failed step to rerun from') });
        await expect(client.rerun('missing-run')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
      });
    });

    describe('runs, traces and results', () => {
      it('numbers every run\'s trace 1, 2, 3… without gaps or duplicates, live and stored alike', async () => {
        const handles = await Promise.all([
          ...Array.from({ length: 6 }, () => client.start('conf-fan-out', { meet: false })),
          ...Array.from({ length: 3 }, () => client.start('conf-for-each', { items: [1, 2, 3] })),
          client.start('conf-route', { kind: 'both' }),
        ]);
        await Promise.all(handles.map((h) => h.result()));
        for (const { runId } of handles) {
          const stored = await traceOf(runId);
          expect(stored.at(-1)!.type).toBe('run.succeeded');
          await expect.poll(() => live.of(runId).length, POLL).toBe(stored.length);
          expect(live.of(runId)).toEqual(stored);
        }
      });

      it('settles result() for succeeded, failed and cancelled runs, whether awaited before or after the end', async () => {
        const ok = await client.start('conf-output', {});
        await expect(Promise.all([ok.result(), ok.result()])).resolves.toEqual(['chosen', 'chosen']);
        await expect(ok.result()).resolves.toBe('chosen');

        const failed = await client.start('conf-fallback', { fail: true });
        await expect(failed.result()).rejects.toMatchObject({ code: 'STEP_FAILED' });
        await expect(failed.result()).rejects.toMatchObject({ code: 'STEP_FAILED', step: 'throwing' });

        const cancelled = await client.start('conf-cancel', {});
        const before = cancelled.result();
        await expect(client.cancel(cancelled.runId)).resolves.toBe(true);
        await expect(before).rejects.toMatchObject({ code: 'RUN_CANCELLED' });
        await expect(cancelled.result()).rejects.toMatchObject({ code: 'RUN_CANCELLED' });
      });

      it('reports an unknown run with RunNotFoundError, and an empty trace', async () => {
        await expect(client.getRun('missing-run')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
        await expect(client.cancel('missing-run')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
        await expect(client.rerun('missing-run')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
        await expect(client.trace('missing-run')).resolves.toEqual([]);
      });

      it('rejects an unknown workflow and invalid input without creating a run', async () => {
        const count = async () => (await client.listRuns({ workflow: 'conf-typed', limit: 1000 })).runs.length;
        const before = await count();
        await expect(client.start('conf-nope', {})).rejects.toMatchObject({ code: 'UNKNOWN_WORKFLOW' });
        const invalid = client.start('conf-typed', { name: 7, quantity: 0 });
        await expect(invalid).rejects.toMatchObject({ code: 'INPUT_VALIDATION' });
        const error = (await invalid.catch((e: unknown) => e)) as { violations: Array<{ path: string }> };
        expect(error.violations.map((v) => v.path)).toEqual(['name', 'quantity']);
        expect(await count()).toBe(before);
      });

      it('hands steps the input as an instance of the @Workflow({ input }) class, in a workflow with injected providers', async () => {
        const handle = await client.start('conf-typed', { name: 'widget', quantity: 2 });
        await expect(handle.result()).resolves.toEqual({ isInstance: true, described: '2 x widget', price: 6 });
        expect((await client.getRun(handle.runId)).input).toEqual({ name: 'widget', quantity: 2 });
      });
    });

    describe('input and output limits (at their defaults)', () => {
      it('fails a step whose output is not JSON with a SerializationError naming the path, and runs nothing after it', async () => {
        const handle = await client.start('conf-outputs', { kind: 'map' });
        await expect(handle.result()).rejects.toMatchObject({ code: 'STEP_FAILED', step: 'produce', cause: { code: 'SERIALIZATION' } });
        const run = await client.getRun(handle.runId);
        expect(run.steps.produce).toMatchObject({ status: 'failed', error: { name: 'SerializationError', code: 'SERIALIZATION' } });
        expect(run.steps.produce!.error!.message).toContain('The output of conf-outputs.produce cannot be serialised to JSON: $.when is a Map');
        expect(run.steps.after).toMatchObject({ status: 'skipped', skipReason: 'failed' });
        expect(countOf(handle.runId, 'after')).toBe(0);
      });

      it(`fails a step whose output nests more than ${DEFAULT_MAX_OUTPUT_DEPTH} levels with a SerializationError`, async () => {
        const handle = await client.start('conf-outputs', { kind: 'deep' });
        await expect(handle.result()).rejects.toMatchObject({ code: 'STEP_FAILED', step: 'produce', cause: { code: 'SERIALIZATION' } });
        expect((await client.getRun(handle.runId)).steps.produce!.error).toMatchObject({
          code: 'SERIALIZATION',
          message: expect.stringContaining(`more than ${DEFAULT_MAX_OUTPUT_DEPTH} levels deep`),
        });
      });

      it('fails a step whose output is over maxOutputBytes with PayloadTooLargeError, and runs nothing after it', async () => {
        const handle = await client.start('conf-outputs', { kind: 'large', size: DEFAULT_MAX_OUTPUT_BYTES + 1 });
        await expect(handle.result()).rejects.toMatchObject({ code: 'STEP_FAILED', step: 'produce', cause: { code: 'PAYLOAD_TOO_LARGE' } });
        const run = await client.getRun(handle.runId);
        expect(run.steps.produce).toMatchObject({ status: 'failed', error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('maxOutputBytes') } });
        expect(run.steps.after).toMatchObject({ status: 'skipped', skipReason: 'failed' });
        expect(countOf(handle.runId, 'after')).toBe(0);
        await expect(client.execute('conf-outputs', { kind: 'large', size: 1_000 })).resolves.toBe('ran');
      });

      it('refuses an input over maxInputBytes or nested too deep, and starts no run', async () => {
        const count = async () => (await client.listRuns({ workflow: 'conf-echo', limit: 1000 })).runs.length;
        const before = await count();
        await expect(client.start('conf-echo', { note: 'x'.repeat(DEFAULT_MAX_INPUT_BYTES) })).rejects.toMatchObject({
          code: 'PAYLOAD_TOO_LARGE',
          limit: 'maxInputBytes',
          limitBytes: DEFAULT_MAX_INPUT_BYTES,
        });
        const nested = (depth: number): unknown => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
        await expect(client.start('conf-echo', nested(10_000))).rejects.toMatchObject({ code: 'INPUT_TOO_DEEP', maxDepth: DEFAULT_MAX_INPUT_DEPTH });
        expect(await count()).toBe(before);
        await expect(client.execute('conf-echo', nested(DEFAULT_MAX_INPUT_DEPTH))).resolves.toEqual(nested(DEFAULT_MAX_INPUT_DEPTH));
      });
    });

    describe('idempotency keys', () => {
      it('returns the existing run for a repeated key, per workflow', async () => {
        const key = randomUUID();
        const first = await client.start('conf-idempotent', { key, n: 1 }, { idempotencyKey: key });
        await expect(first.result()).resolves.toBe(1);
        const second = await client.start('conf-idempotent', { key, n: 1 }, { idempotencyKey: key });
        expect(second.runId).toBe(first.runId);
        await expect(second.result()).resolves.toBe(1);
        expect(countOf(key, 'once')).toBe(1);
        const other = await client.start('conf-idempotent-other', { key, n: 1 }, { idempotencyKey: key });
        expect(other.runId).not.toBe(first.runId);
        await expect(other.result()).resolves.toBe(1);
      });

      it('starts one run for concurrent starts with one key', async () => {
        const key = randomUUID();
        const handles = await Promise.all(Array.from({ length: 10 }, () => client.start('conf-idempotent', { key, n: 2 }, { idempotencyKey: key })));
        expect(new Set(handles.map((h) => h.runId)).size).toBe(1);
        await expect(handles[0]!.result()).resolves.toBe(2);
        expect(countOf(key, 'once')).toBe(1);
      });

      it('rejects a reused key with a different input with IdempotencyConflictError', async () => {
        const key = randomUUID();
        const first = await client.start('conf-idempotent', { key, n: 1 }, { idempotencyKey: key });
        await first.result();
        await expect(client.start('conf-idempotent', { key, n: 2 }, { idempotencyKey: key })).rejects.toMatchObject({
          code: 'IDEMPOTENCY_CONFLICT',
          idempotencyKey: key,
          runId: first.runId,
        });
        expect(countOf(key, 'once')).toBe(1);
      });
    });
  });
}
