import { BudgetExceededError, StepFailedError } from '@baton/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BatonClient } from '../../src/index.js';
import { passes } from '../support/agent-flow.workflows.js';
import { countOf } from '../support/conformance.workflows.js';
import { type ConformanceContext, POLL } from './conformance-context.js';

/** Loops, join policies and budgets (DESIGN §7). Part of the Transport conformance suite (see `../transport.conformance.ts`). */
export function describeAgentFlow(ctx: ConformanceContext): void {
  let client: BatonClient;
  beforeAll(() => {
    client = ctx.client;
  });
  const { traceOf, statuses, skipReasons, abortsOf } = ctx;

  describe('loops', () => {
    it('runs the body again on a back edge, with ctx.iteration, the last pass results and a key per pass', async () => {
      const handle = await client.start('conf-loop', { approveOn: 2 });
      await expect(handle.result()).resolves.toEqual({ final: 'draft 2', passes: 2 });
      const { runId } = handle;
      expect(passes.get(runId)).toEqual([
        { iteration: 1, previous: undefined, key: `${runId}:draft` },
        { iteration: 2, previous: 'draft', key: `${runId}:draft#2` },
      ]);
      const run = await client.getRun(runId);
      expect(run.steps.draft).toMatchObject({ status: 'succeeded', iteration: 2, output: 'draft 2', attempts: 1 });
      expect(run.steps.review).toMatchObject({ status: 'succeeded', iteration: 2, output: 'done' });
      expect(run.steps.done.iteration).toBeUndefined();
      const trace = await traceOf(runId);
      expect(trace.filter((e) => e.type === 'loop.iteration')).toEqual([
        expect.objectContaining({
          step: 'review',
          iteration: 2,
          data: { target: 'draft', iteration: 2, maxIterations: 3, body: ['draft', 'review'] },
        }),
      ]);
      const drafts = trace.filter((e) => e.step === 'draft' && e.type === 'step.succeeded');
      expect(drafts.map((e) => [e.iteration, e.data])).toEqual([
        [1, { output: 'draft 1' }],
        [2, { output: 'draft 2' }],
      ]);
      expect(trace.filter((e) => e.step === 'done').every((e) => e.iteration === undefined)).toBe(true);
    });

    it("leaves the loop through the route's fallback once it reaches maxIterations", async () => {
      const handle = await client.start('conf-loop', { approveOn: 99 });
      await expect(handle.result()).resolves.toEqual({ final: 'draft 3', passes: 3 });
      const run = await client.getRun(handle.runId);
      expect(run.steps.review).toMatchObject({
        status: 'recovered',
        iteration: 3,
        output: 'done',
        error: { code: 'LOOP_LIMIT', details: { target: 'draft', maxIterations: 3 } },
      });
      const trace = await traceOf(handle.runId);
      expect(trace.filter((e) => e.type === 'loop.iteration').map((e) => e.iteration)).toEqual([2, 3]);
    });

    it('fails the run with the LoopLimitError named when the route has no fallback', async () => {
      const handle = await client.start('conf-loop-strict', {});
      const error = await handle.result().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StepFailedError);
      expect(error).toMatchObject({ step: 'review', message: expect.stringContaining('maxIterations') });
      const run = await client.getRun(handle.runId);
      expect(run.steps.review.error).toMatchObject({ code: 'LOOP_LIMIT' });
      expect(skipReasons(run)).toEqual({ done: 'failed' });
    });
  });

  describe('join policies', () => {
    it("'any' goes on with the first success and aborts the other dependency, which ends superseded", async () => {
      const handle = await client.start('conf-race', {});
      await expect(handle.result()).resolves.toBe('fast answer');
      const { runId } = handle;
      const run = await client.getRun(runId);
      expect(statuses(run)).toMatchObject({ fast: 'succeeded', pick: 'succeeded' });
      expect(run.steps.slow).toMatchObject({ status: 'skipped', skipReason: 'superseded' });
      expect(countOf(runId, 'pick')).toBe(1);
      // The racer was running (or about to): if it started, its signal was aborted.
      await expect
        .poll(() => (countOf(runId, 'slow') === 0 ? 'never started' : abortsOf(runId).map((a) => a.step)), POLL)
        .toSatisfy((seen) => seen === 'never started' || (Array.isArray(seen) && seen.includes('slow')));
      const trace = await traceOf(runId);
      expect(trace.filter((e) => e.step === 'slow' && e.type === 'step.skipped')).toEqual([
        expect.objectContaining({ data: { reason: 'superseded' } }),
      ]);
    });

    it("'allSettled' waits for every dependency and sees the failures in ctx.failures; the run succeeds", async () => {
      const output = await client.execute('conf-settled', {});
      expect(output).toEqual({
        notes: ['web notes', null, 'paper notes'],
        failed: { archive: 'archive is down' },
      });
    });

    it('lets a forEach finish its other items when its failure is tolerated, keeping their outputs', async () => {
      const handle = await client.start('conf-settled-items', {});
      await expect(handle.result()).resolves.toEqual({ notes: ['notes a', null, 'notes c'], failed: ['search'] });
      const run = await client.getRun(handle.runId);
      expect(run.steps.search).toMatchObject({ status: 'failed', output: ['notes a', null, 'notes c'] });
      expect(run.status).toBe('succeeded');
    });
  });

  describe('budgets', () => {
    it('adds usage per step and per run, and fails with BudgetExceededError naming the budget, cap and amount', async () => {
      const within = await client.start('conf-budget', { second: 30 });
      await within.result();
      const ok = await client.getRun(within.runId);
      expect(ok.steps.first.usage).toEqual({ tokens: 60, costUsd: 0.25 });
      expect(ok.steps.second.usage).toEqual({ tokens: 30, searches: 1 });
      expect(ok.usage).toEqual({ steps: 3, tokens: 90, costUsd: 0.25, searches: 1 });
      const usageEvents = (await traceOf(within.runId)).filter((e) => e.type === 'step.usage');
      expect(usageEvents.map((e) => e.step)).toEqual(['first', 'second']);

      const over = await client.start('conf-budget', { second: 50 });
      const error = await over.result().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BudgetExceededError);
      expect(error).toMatchObject({ budget: 'tokens', cap: 100, spent: 110 });
      const run = await client.getRun(over.runId);
      expect(run.steps.second.status).toBe('succeeded');
      expect(skipReasons(run)).toEqual({ third: 'budget' });
      expect(countOf(over.runId, 'third')).toBe(0);
    });

    it("counts a child run's usage against its parent's budget", async () => {
      const within = await client.start('conf-budget-parent', { tokens: 40 });
      await within.result();
      expect((await client.getRun(within.runId)).usage).toMatchObject({ tokens: 40 });

      const over = await client.start('conf-budget-parent', { tokens: 70 });
      await expect(over.result()).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED', budget: 'tokens', spent: 70 });
      expect(countOf(over.runId, 'after')).toBe(0);
    });
  });
}
