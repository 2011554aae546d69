import 'reflect-metadata';
import { BudgetExceededError } from '@baton/sdk';
import type { RunSnapshot } from '@baton/runtime';
import { describe, expect, it } from 'vitest';
import { RESEARCH_TOKEN_BUDGET, TOKENS } from '../src/agents/model-profile.js';
import type { Article } from '../src/research.types.js';
import { SAMPLE_RESEARCH } from '../src/sample-research.js';
import { bootPerTest, timelineOf } from './research-agent.harness.js';

/** Each step's usage by name (steps that spent nothing left out). */
function usageByStep(run: RunSnapshot): Record<string, unknown> {
  return Object.fromEntries(Object.values(run.steps).flatMap((s) => (s.usage ? [[s.name, s.usage]] : [])));
}

describe('research-agent usage and budget', () => {
  const boot = bootPerTest();

  it('totals what every step spent, per step (passes and items summed) and per run', async () => {
    const booted = await boot();
    const handle = await booted.client.start<Article>('research-agent', SAMPLE_RESEARCH.approvedOnPass2);
    await handle.result();
    const run = await booted.client.getRun(handle.runId);
    const trace = booted.traceOf(handle.runId);

    expect(usageByStep(run)).toEqual({
      plan: { tokens: 400, costUsd: 0.0008 },
      search: { tokens: 3 * 1_200, costUsd: 0.0036, searches: 3 }, // the failed source spent nothing
      fastModel: { tokens: 1_500, costUsd: 0.0015 }, // the superseded slow model spent nothing
      write: { tokens: 2 * 2_500, costUsd: 0.02 },
      review: { tokens: 2 * 800, costUsd: 0.0032 },
    });
    // 16 executions: plan, 4 search items, collect, both models, outline, 2 × (write, review, critique), publish.
    expect(run.usage).toEqual({ steps: 16, tokens: 12_100, costUsd: 0.0291, searches: 3 });
    expect(run.usage!.tokens).toBeLessThan(RESEARCH_TOKEN_BUDGET);

    // One step.usage event per spending execution, carrying what that execution spent.
    const spent = trace.filter((e) => e.type === 'step.usage');
    expect(spent.map((e) => [e.step, e.index ?? e.iteration ?? null, e.data.usage])).toEqual(
      expect.arrayContaining([
        ['plan', null, { tokens: 400, costUsd: 0.0008 }],
        ['search', 0, { tokens: 1_200, costUsd: 0.0012, searches: 1 }],
        ['fastModel', null, { tokens: 1_500, costUsd: 0.0015 }],
        ['write', 1, { tokens: 2_500, costUsd: 0.01 }],
        ['write', 2, { tokens: 2_500, costUsd: 0.01 }],
        ['review', 2, { tokens: 800, costUsd: 0.0016 }],
      ]),
    );
    expect(spent).toHaveLength(1 + 3 + 1 + 2 + 2);
    const tokens = spent.reduce((sum, e) => sum + (e.data.usage.tokens ?? 0), 0);
    expect(tokens).toBe(run.usage!.tokens);
  });

  it('counts every loop pass: three passes of write and review on the loop-limit path', async () => {
    const booted = await boot();
    const handle = await booted.client.start('research-agent', SAMPLE_RESEARCH.neverGoodEnough);
    await handle.result();
    const run = await booted.client.getRun(handle.runId);

    expect(run.steps.write.usage).toEqual({ tokens: 3 * 2_500, costUsd: 0.03 });
    expect(run.steps.review.usage).toEqual({ tokens: 3 * 800, costUsd: 0.0048 });
    expect(run.usage).toEqual({ steps: 19, tokens: 15_400, costUsd: 0.0407, searches: 3 });
  });

  it('fails an exhaustive run with BudgetExceededError once the first draft crosses the token budget', async () => {
    const booted = await boot();
    const failure = booted.client.execute('research-agent', SAMPLE_RESEARCH.overBudget);
    const spent = TOKENS.plan + 3 * TOKENS.search.exhaustive + TOKENS.fastOutline + TOKENS.write.exhaustive;
    expect(spent).toBe(22_300);

    await expect(failure).rejects.toBeInstanceOf(BudgetExceededError);
    const error = (await failure.catch((e: unknown) => e)) as BudgetExceededError;
    expect(error).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      budget: 'tokens',
      cap: RESEARCH_TOKEN_BUDGET,
      spent,
      workflow: 'research-agent',
    });

    const run = await booted.client.getRun(error.runId!);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({
      name: 'BudgetExceededError',
      code: 'BUDGET_EXCEEDED',
      details: { budget: 'tokens', cap: RESEARCH_TOKEN_BUDGET, spent },
    });
    expect(run.usage).toMatchObject({ tokens: spent, steps: 10 });
    expect(run.steps.write).toMatchObject({ status: 'succeeded', iteration: 1, usage: { tokens: 6_000 } });
    for (const step of ['review', 'critique', 'publish']) {
      expect(run.steps[step]).toMatchObject({ status: 'skipped', skipReason: 'budget', attempts: 0 });
    }
    const trace = booted.traceOf(error.runId!);
    expect(timelineOf(trace, 'review')).toEqual([['step.skipped', '#1']]);
    expect(trace.slice(-6).map((e) => [e.type, e.step])).toEqual([
      ['step.usage', 'write'],
      ['step.succeeded', 'write'],
      ['step.skipped', 'review'],
      ['step.skipped', 'critique'],
      ['step.skipped', 'publish'],
      ['run.failed', undefined],
    ]);
    expect(trace.at(-1)!.data).toMatchObject({ error: { code: 'BUDGET_EXCEEDED', details: { spent } } });
  });
});
