import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_INPUT_BYTES,
  DEFAULT_MAX_INPUT_DEPTH,
  DEFAULT_MAX_OUTPUT_BYTES,
  DEFAULT_MAX_OUTPUT_DEPTH,
  type BatonClient,
} from '../../src/index.js';
import { countOf } from '../support/conformance.workflows.js';
import { type ConformanceContext, POLL } from './conformance-context.js';

/** Child runs, reruns, traces and results, input and output limits, idempotency keys. Part of the Transport conformance suite (see `../transport.conformance.ts`). */
export function describeRuns(ctx: ConformanceContext): void {
  let client: BatonClient;
  let live: ConformanceContext['live'];
  beforeAll(() => {
    client = ctx.client;
    live = ctx.live;
  });
  const { traceOf, skipReasons, abortsOf, childOf } = ctx;

  describe('child runs', () => {
    it('runs a child with ctx.run (by class or name), returns its output, and links parent and child', async () => {
      for (const byName of [false, true]) {
        const handle = await client.start('conf-parent', { n: 4, byName });
        await expect(handle.result()).resolves.toEqual({ child: 8 });
        const parentTrace = await traceOf(handle.runId);
        const childId = childOf(parentTrace);
        expect(childId).toBeDefined();
        const child = await client.getRun(childId!);
        expect(child).toMatchObject({
          workflow: 'conf-child',
          status: 'succeeded',
          output: 8,
          parentRunId: handle.runId,
          input: { n: 4 },
        });
        expect((await traceOf(childId!))[0]).toMatchObject({
          type: 'run.started',
          data: { parentRunId: handle.runId },
        });
        const listed = (await client.listRuns({ workflow: 'conf-child', limit: 1000 })).runs.find(
          (r) => r.runId === childId,
        );
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
      expect(child.steps.double).toMatchObject({
        status: 'failed',
        error: { code: 'NON_RETRYABLE', message: 'cannot double -1' },
      });
    });

    it('cancels the child run when its parent is cancelled', async () => {
      const handle = await client.start('conf-parent-waits', {});
      let childId: string | undefined;
      await expect.poll(async () => (childId = childOf(await client.trace(handle.runId))), POLL).toBeDefined();
      await expect
        .poll(async () => (await client.trace(childId!)).some((e) => e.type === 'step.started'), POLL)
        .toBe(true);
      await expect(client.cancel(handle.runId)).resolves.toBe(true);
      await expect(handle.result()).rejects.toMatchObject({ code: 'RUN_CANCELLED' });
      await expect.poll(async () => (await client.getRun(childId!)).status, POLL).toBe('cancelled');
      await expect.poll(() => abortsOf(childId!).map((a) => a.step), POLL).toEqual(['hold']);
      expect(await client.getRun(childId!)).toMatchObject({
        parentRunId: handle.runId,
        steps: { hold: { status: 'failed', error: { code: 'STEP_ABORTED' } } },
      });
    });
  });

  describe('rerun', () => {
    it('reruns from the first failed step by default, keeping the steps before it, then from a given step', async () => {
      const key = randomUUID();
      const failed = await client.start('conf-order', { key, failCharge: true });
      await expect(failed.result()).rejects.toMatchObject({
        code: 'STEP_FAILED',
        step: 'charge',
        message: expect.stringContaining('card declined'),
      });
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

      await expect(client.rerun(rerun.runId, { fromStep: 'nope' })).rejects.toMatchObject({
        code: 'INVALID_RUN_OPERATION',
      });
      await expect(client.rerun(rerun.runId)).rejects.toMatchObject({
        code: 'INVALID_RUN_OPERATION',
        message: expect.stringContaining('no failed step to rerun from'),
      });
      await expect(client.rerun('missing-run')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    });
  });

  describe('runs, traces and results', () => {
    it("numbers every run's trace 1, 2, 3… without gaps or duplicates, live and stored alike", async () => {
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
      // Awaited before the end: the expectation holds the promise from the start, so its rejection is handled.
      const before = expect(cancelled.result()).rejects.toMatchObject({ code: 'RUN_CANCELLED' });
      await expect(client.cancel(cancelled.runId)).resolves.toBe(true);
      await before;
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

    it('lists runs by search, status and time range with a total, and names the field of a bad query', async () => {
      const marker = randomUUID();
      const started = Date.now();
      const handles = [];
      for (let n = 1; n <= 3; n++) handles.push(await client.start('conf-child', { n, marker }));
      await Promise.all(handles.map((h) => h.result()));
      const page = await client.listRuns({
        search: marker.toUpperCase(),
        status: 'succeeded',
        from: started,
        limit: 2,
      });
      expect(page.total).toBe(3);
      expect(page.runs.map((r) => r.runId)).toEqual([handles[2].runId, handles[1].runId]);
      expect(page.runs[0].input).toBe(`{"n":3,"marker":"${marker}"}`);
      const rest = await client.listRuns({
        search: marker,
        status: 'succeeded',
        from: started,
        cursor: page.nextCursor,
      });
      expect(rest).toMatchObject({ total: 3, runs: [{ runId: handles[0].runId }] });
      expect((await client.listRuns({ search: handles[1].runId.slice(-10) })).runs.map((r) => r.runId)).toContain(
        handles[1].runId,
      );
      expect((await client.listRuns({ search: marker, to: started - 1 })).total).toBe(0);
      for (const [query, field] of [
        [{ search: 'x'.repeat(201) }, /search must be at most 200 characters/],
        [{ search: 7 as unknown as string }, /search must be a string/],
        [{ from: Number.NaN }, /from must be a finite number/],
        [{ to: Number.POSITIVE_INFINITY }, /to must be a finite number/],
        [{ from: 2, to: 1 }, /from must be at most to/],
      ] as const) {
        const failed = client.listRuns(query);
        await expect(failed).rejects.toMatchObject({ code: 'INVALID_RUN_OPERATION' });
        await expect(failed).rejects.toThrow(field);
      }
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
      await expect(handle.result()).rejects.toMatchObject({
        code: 'STEP_FAILED',
        step: 'produce',
        cause: { code: 'SERIALIZATION' },
      });
      const run = await client.getRun(handle.runId);
      expect(run.steps.produce).toMatchObject({
        status: 'failed',
        error: { name: 'SerializationError', code: 'SERIALIZATION' },
      });
      expect(run.steps.produce.error!.message).toContain(
        'The output of conf-outputs.produce cannot be serialised to JSON: $.when is a Map',
      );
      expect(run.steps.after).toMatchObject({ status: 'skipped', skipReason: 'failed' });
      expect(countOf(handle.runId, 'after')).toBe(0);
    });

    it(`fails a step whose output nests more than ${DEFAULT_MAX_OUTPUT_DEPTH} levels with a SerializationError`, async () => {
      const handle = await client.start('conf-outputs', { kind: 'deep' });
      await expect(handle.result()).rejects.toMatchObject({
        code: 'STEP_FAILED',
        step: 'produce',
        cause: { code: 'SERIALIZATION' },
      });
      expect((await client.getRun(handle.runId)).steps.produce.error).toMatchObject({
        code: 'SERIALIZATION',
        message: expect.stringContaining(`more than ${DEFAULT_MAX_OUTPUT_DEPTH} levels deep`),
      });
    });

    it('fails a step whose output is over maxOutputBytes with PayloadTooLargeError, and runs nothing after it', async () => {
      const handle = await client.start('conf-outputs', { kind: 'large', size: DEFAULT_MAX_OUTPUT_BYTES + 1 });
      await expect(handle.result()).rejects.toMatchObject({
        code: 'STEP_FAILED',
        step: 'produce',
        cause: { code: 'PAYLOAD_TOO_LARGE' },
      });
      const run = await client.getRun(handle.runId);
      expect(run.steps.produce).toMatchObject({
        status: 'failed',
        error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('maxOutputBytes') },
      });
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
      await expect(client.start('conf-echo', nested(10_000))).rejects.toMatchObject({
        code: 'INPUT_TOO_DEEP',
        maxDepth: DEFAULT_MAX_INPUT_DEPTH,
      });
      expect(await count()).toBe(before);
      await expect(client.execute('conf-echo', nested(DEFAULT_MAX_INPUT_DEPTH))).resolves.toEqual(
        nested(DEFAULT_MAX_INPUT_DEPTH),
      );
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
      const handles = await Promise.all(
        Array.from({ length: 10 }, () => client.start('conf-idempotent', { key, n: 2 }, { idempotencyKey: key })),
      );
      expect(new Set(handles.map((h) => h.runId)).size).toBe(1);
      await expect(handles[0].result()).resolves.toBe(2);
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
}
