import { beforeAll, describe, expect, it } from 'vitest';
import { type BatonClient } from '../../src/index.js';
import { ConfOutputWorkflow, countOf, probe } from '../support/conformance.workflows.js';
import { timeline } from '../trace.js';
import { type ConformanceContext, POLL } from './conformance-context.js';

/** Routing, joins, parallel groups and forEach. Part of the Transport conformance suite (see `../transport.conformance.ts`). */
export function describeFlow(ctx: ConformanceContext): void {
  let client: BatonClient;
  beforeAll(() => {
    client = ctx.client;
  });
  const { traceOf, statuses, skipReasons, abortsOf } = ctx;

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
      await expect(handle.result()).resolves.toEqual({
        answers: ['billing-answer', 'bug-answer'],
        sawBug: 'bug-answer',
      });
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
      await expect(handle.result()).rejects.toMatchObject({
        code: 'STEP_FAILED',
        step: 'route',
        cause: { code: 'ROUTE' },
      });
      const run = await client.getRun(handle.runId);
      expect(run).toMatchObject({ status: 'failed', error: { code: 'STEP_FAILED' } });
      expect(run.steps.route).toMatchObject({ status: 'failed', error: { name: 'RouteError', code: 'ROUTE' } });
      expect(run.steps.route.error!.message).toContain("'billing', 'bug'");
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
      expect(statuses(run)).toEqual({
        plan: 'succeeded',
        a: 'succeeded',
        b: 'succeeded',
        c: 'succeeded',
        join: 'succeeded',
      });
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
      const handles = await Promise.all(
        Array.from({ length: 20 }, () => client.start('conf-fan-out', { meet: false })),
      );
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
      expect(
        probe.attempts
          .get(handle.runId)!
          .map((a) => a.idempotencyKey)
          .sort(),
      ).toEqual([0, 1, 2, 3, 4].map((i) => `${handle.runId}:square:${i}`));
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
      expect((await client.getRun(handle.runId)).steps.each).toMatchObject({
        status: 'succeeded',
        attempts: 3,
        items: 2,
      });
      const trace = await traceOf(handle.runId);
      expect(timeline(trace.filter((e) => e.index === 1))).toEqual([
        'step.scheduled:each:[1]',
        'step.started:each:[1]:#1',
        'step.retrying:each:[1]:#1',
        'step.started:each:[1]:#2',
        'step.succeeded:each:[1]:#2',
      ]);
      expect(timeline(trace.filter((e) => e.index === 0))).toEqual([
        'step.scheduled:each:[0]',
        'step.started:each:[0]:#1',
        'step.succeeded:each:[0]:#1',
      ]);
      const keys = probe.attempts
        .get(handle.runId)!
        .filter((a) => a.index === 1)
        .map((a) => a.idempotencyKey);
      expect(keys).toEqual([`${handle.runId}:each:1`, `${handle.runId}:each:1`]);
    });

    it('fails a forEach step when an item fails for good, aborting its other running items', async () => {
      const handle = await client.start('conf-for-each-items', { items: ['waits', 'broken'] });
      await expect(handle.result()).rejects.toMatchObject({
        code: 'STEP_FAILED',
        step: 'each',
        cause: { code: 'NON_RETRYABLE' },
      });
      await expect.poll(() => abortsOf(handle.runId).map((a) => `${a.step}[${a.index}]`), POLL).toEqual(['each[0]']);
      const run = await client.getRun(handle.runId);
      expect(run).toMatchObject({ status: 'failed', error: { code: 'STEP_FAILED' } });
      expect(run.steps.each).toMatchObject({
        status: 'failed',
        error: { code: 'NON_RETRYABLE', message: 'broken item' },
      });
      const trace = await traceOf(handle.runId);
      // A NonRetryableError ends the item's retries at once.
      expect(trace.filter((e) => e.type === 'step.retrying')).toEqual([]);
      expect(timeline(trace).at(-1)).toBe('run.failed');
    });
  });
}
