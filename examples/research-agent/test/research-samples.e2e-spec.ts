import 'reflect-metadata';
import { InputValidationError } from '@baton/sdk';
import { describe, expect, it } from 'vitest';
import { NEVER_GOOD_ENOUGH } from '../src/agents/feedback.js';
import type { Article } from '../src/research.types.js';
import { runResearchSamples } from '../src/run-research.js';
import { SAMPLE_RESEARCH } from '../src/sample-research.js';
import { APPROVED_ARTICLE } from './expected.js';
import { bootPerTest, projectRun, statuses } from './research-agent.harness.js';

describe('research-agent samples, CLI and input', () => {
  const boot = bootPerTest();

  it('has one sample per documented path', () => {
    expect(Object.keys(SAMPLE_RESEARCH).sort()).toEqual(['approvedOnPass2', 'neverGoodEnough', 'overBudget']);
    expect(SAMPLE_RESEARCH.neverGoodEnough.topic.toLowerCase()).toContain(NEVER_GOOD_ENOUGH);
    expect(SAMPLE_RESEARCH.overBudget.depth).toBe('exhaustive');
  });

  it('prints each sample’s path, usage and outcome (the run-research CLI)', async () => {
    const { client } = await boot();
    const [approved, neverGood, overBudget] = await runResearchSamples(client);

    expect(approved).toMatch(/^\[approvedOnPass2\] run [0-9a-f-]{36} succeeded in \d+ ms\n/);
    expect(approved).toContain(
      'path:    plan:succeeded → search:failed ×4 → collect:succeeded → fastModel:succeeded → ' +
        'slowModel:skipped (superseded) → outline:succeeded → write:succeeded #2 → review:succeeded #2 → ' +
        'critique:succeeded #2 → publish:succeeded',
    );
    expect(approved).toContain('usage:   12100 tokens, $0.0291, 3 searches, 16 step executions');
    expect(approved).toContain('2 passes, approved, outlined by the fast model');
    expect(approved).toContain('failed sources: flaky-archive');

    expect(neverGood).toContain('write:succeeded #3 → review:succeeded #3 → critique:recovered #3 → publish:succeeded');
    expect(neverGood).toContain('usage:   15400 tokens, $0.0407, 3 searches, 19 step executions');
    expect(neverGood).toContain('3 passes, published unapproved');

    expect(overBudget).toMatch(/^\[overBudget\] run [0-9a-f-]{36} failed in \d+ ms\n/);
    expect(overBudget).toContain('review:skipped (budget) → critique:skipped (budget) → publish:skipped (budget)');
    expect(overBudget).toContain('error:   BudgetExceededError: Workflow research-agent exceeded its tokens budget');
  });

  it('rejects invalid input with every violation, starting nothing', async () => {
    const { client } = await boot();
    const start = client.start('research-agent', { topic: 'AI', depth: 'bottomless' });
    await expect(start).rejects.toBeInstanceOf(InputValidationError);
    const error = (await start.catch((e: unknown) => e)) as InputValidationError;
    expect(error.violations.map((v) => [v.path, v.constraint])).toEqual([
      ['topic', 'minLength'],
      ['depth', 'isIn'],
    ]);
    expect((await client.listRuns({ workflow: 'research-agent' })).runs).toEqual([]);
  });

  it('gives the same statuses, usage and outputs for 20 concurrent runs of one topic', async () => {
    const { client } = await boot();
    const handles = await Promise.all(
      Array.from({ length: 20 }, () => client.start<Article>('research-agent', SAMPLE_RESEARCH.approvedOnPass2)),
    );
    const articles = await Promise.all(handles.map((h) => h.result()));
    const runs = await Promise.all(handles.map((h) => client.getRun(h.runId)));

    expect(statuses(runs[0])).toEqual({
      plan: 'succeeded',
      search: 'failed',
      collect: 'succeeded',
      fastModel: 'succeeded',
      slowModel: 'skipped',
      outline: 'succeeded',
      write: 'succeeded',
      review: 'succeeded',
      critique: 'succeeded',
      publish: 'succeeded',
    });
    const first = projectRun(runs[0]);
    for (const run of runs) expect(projectRun(run)).toEqual(first);
    for (const article of articles) expect(article).toEqual(APPROVED_ARTICLE);
  });
});
