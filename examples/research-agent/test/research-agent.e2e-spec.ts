import 'reflect-metadata';
import { StepAbortedError } from '@baton/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NOT_GOOD_ENOUGH } from '../src/agents/feedback.js';
import { MAX_PASSES } from '../src/agents/model-profile.js';
import { SlowOutlineModel } from '../src/agents/slow-outline.model.js';
import type { Article, Draft, Outline, Review } from '../src/research.types.js';
import { SAMPLE_RESEARCH } from '../src/sample-research.js';
import { FLAKY_SOURCE } from '../src/services/sources.js';
import { APPROVED_ARTICLE, freeRun, spendingRun } from './expected.js';
import { bootPerTest, statuses, timelineOf } from './research-agent.harness.js';

describe('research-agent (end to end through the real ResearchAppModule)', () => {
  const boot = bootPerTest();
  afterEach(() => vi.restoreAllMocks());

  it('writes, is sent back once, and publishes on pass 2: a loop pass in the trace', async () => {
    const booted = await boot();
    const handle = await booted.client.start<Article>('research-agent', SAMPLE_RESEARCH.approvedOnPass2);
    expect(await handle.result()).toEqual(APPROVED_ARTICLE);
    const run = await booted.client.getRun(handle.runId);
    const trace = booted.traceOf(handle.runId);

    expect(trace.map((e) => e.seq)).toEqual(trace.map((_e, i) => i + 1));
    expect(await booted.storedTraceOf(handle.runId)).toEqual(trace);
    expect(trace[0]).toMatchObject({ type: 'run.started' });
    expect(trace.at(-1)).toMatchObject({ type: 'run.succeeded', data: { output: APPROVED_ARTICLE } });

    expect(timelineOf(trace, 'plan')).toEqual(spendingRun());
    expect(timelineOf(trace, 'write')).toEqual([...spendingRun('#1'), ...spendingRun('#2')]);
    expect(timelineOf(trace, 'review')).toEqual([...spendingRun('#1'), ...spendingRun('#2')]);
    expect(timelineOf(trace, 'critique')).toEqual([...freeRun('#1'), ['loop.iteration', '#2'], ...freeRun('#2')]);
    expect(timelineOf(trace, 'publish')).toEqual(freeRun());

    const loops = trace.filter((e) => e.type === 'loop.iteration');
    expect(loops).toEqual([
      expect.objectContaining({
        step: 'critique',
        iteration: 2,
        data: { target: 'write', iteration: 2, maxIterations: MAX_PASSES, body: ['write', 'review', 'critique'] },
      }),
    ]);
    const choices = trace.filter((e) => e.step === 'critique' && e.type === 'step.succeeded');
    expect(choices.map((e) => [e.iteration, e.data])).toEqual([
      [1, { output: 'write' }],
      [2, { output: 'publish' }],
    ]);
    // The new pass starts right after the route chose its back target, before write runs again.
    const secondWrite = trace.find((e) => e.step === 'write' && e.iteration === 2)!;
    expect(choices[0].seq).toBeLessThan(loops[0].seq);
    expect(loops[0].seq).toBeLessThan(secondWrite.seq);

    // Pass 2's writer read pass 1's review (ctx.results holds each step's latest output) and ctx.iteration.
    const outputs = (step: string) =>
      trace.flatMap((e) => (e.step === step && e.type === 'step.succeeded' ? [e.data.output] : []));
    const [first, second] = outputs('write') as Draft[];
    const firstReview = outputs('review')[0] as Review;
    expect(first).toMatchObject({ pass: 1, citations: [], addressed: [] });
    expect(firstReview).toEqual({ pass: 1, approved: false, feedback: ['Cite your sources.', 'Add a conclusion.'] });
    expect(second).toMatchObject({ pass: 2, addressed: firstReview.feedback, citations: APPROVED_ARTICLE.citations });

    expect(run.steps.write).toMatchObject({ status: 'succeeded', iteration: 2, attempts: 1, output: second });
    expect(run.steps.critique).toMatchObject({ status: 'succeeded', iteration: 2, output: 'publish' });
    expect(run.steps.plan.iteration).toBeUndefined();
    expect(trace.filter((e) => ['plan', 'search', 'publish'].includes(e.step!)).every((e) => !e.iteration)).toBe(true);
  });

  it('tolerates the failing source: search fails with partial output, collect runs and names the failure', async () => {
    const booted = await boot();
    const handle = await booted.client.start<Article>('research-agent', SAMPLE_RESEARCH.approvedOnPass2);
    await handle.result();
    const run = await booted.client.getRun(handle.runId);
    const trace = booted.traceOf(handle.runId);
    const search = timelineOf(trace, 'search');

    expect(run.status).toBe('succeeded');
    expect(run.steps.search).toMatchObject({
      status: 'failed',
      items: 4,
      attempts: 4, // one per item: the NonRetryableError skipped the retry @Retry allows
      error: { name: 'NonRetryableError', message: expect.stringContaining(FLAKY_SOURCE) },
      output: [
        { source: 'encyclopedia', notes: expect.any(Array) },
        { source: 'news-wire', notes: expect.any(Array) },
        null,
        { source: 'journals', notes: expect.any(Array) },
      ],
    });
    expect(search[0]).toEqual(['step.scheduled']);
    expect(search.at(-1)).toEqual(['step.failed']);
    expect(search.filter((e) => e.at(-1) === '[2]')).toEqual([
      ['step.scheduled', '[2]'],
      ['step.started', '[2]'],
      ['step.failed', '[2]'],
    ]);
    for (const index of ['[0]', '[1]', '[3]'])
      expect(search.filter((e) => e.at(-1) === index)).toEqual(spendingRun(index));
    const itemFailed = trace.find((e) => e.step === 'search' && e.index === 2 && e.type === 'step.failed')!;
    expect(itemFailed.data).toMatchObject({ error: { name: 'NonRetryableError' }, tolerated: true });
    const stepFailed = trace.find((e) => e.step === 'search' && e.index === undefined && e.type === 'step.failed')!;
    expect(stepFailed.data).toMatchObject({ failedItems: 1 });

    // concurrency: 3 — the fourth source waits until one of the first three has settled.
    let running = 0;
    let most = 0;
    for (const e of trace.filter((e) => e.step === 'search' && e.index !== undefined)) {
      if (e.type === 'step.started') most = Math.max(most, ++running);
      if (e.type === 'step.succeeded' || e.type === 'step.failed') running -= 1;
    }
    expect(most).toBe(3);

    expect(timelineOf(trace, 'collect')).toEqual(freeRun());
    expect(trace.find((e) => e.step === 'collect')!.seq).toBeGreaterThan(stepFailed.seq);
    expect(run.steps.collect).toMatchObject({
      status: 'succeeded',
      output: {
        notes: [{ source: 'encyclopedia' }, { source: 'news-wire' }, { source: 'journals' }],
        failedSources: [FLAKY_SOURCE],
        failure: expect.stringContaining(`Source ${FLAKY_SOURCE} is unavailable`),
      },
    });
  });

  it('races the two models: the fast one wins, the slow one is aborted and skipped as superseded', async () => {
    const booted = await boot();
    const slow = booted.module.get(SlowOutlineModel);
    const outline = vi.spyOn(slow, 'outline');
    const handle = await booted.client.start<Article>('research-agent', SAMPLE_RESEARCH.approvedOnPass2);
    await handle.result();
    const run = await booted.client.getRun(handle.runId);
    const trace = booted.traceOf(handle.runId);

    expect(outline).toHaveBeenCalledTimes(1);
    const signal = outline.mock.calls[0][2].signal;
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(StepAbortedError);
    // The slow model's two-second timer was cancelled by the signal, not waited for.
    await expect(outline.mock.results[0].value).rejects.toBeInstanceOf(StepAbortedError);

    expect(run.steps.slowModel).toMatchObject({ status: 'skipped', skipReason: 'superseded', attempts: 1 });
    expect(run.steps.slowModel.output).toBeUndefined();
    expect(run.steps.slowModel.usage).toBeUndefined();
    expect(run.steps.fastModel).toMatchObject({ status: 'succeeded', output: { model: 'fast' } });
    expect(run.steps.outline).toMatchObject({ status: 'succeeded', output: run.steps.fastModel.output as Outline });

    expect(timelineOf(trace, 'fastModel')).toEqual(spendingRun());
    expect(timelineOf(trace, 'slowModel')).toEqual([['step.scheduled'], ['step.started'], ['step.skipped']]);
    expect(timelineOf(trace, 'outline')).toEqual(freeRun());
    const won = trace.find((e) => e.step === 'fastModel' && e.type === 'step.succeeded')!;
    const superseded = trace.find((e) => e.step === 'slowModel' && e.type === 'step.skipped')!;
    expect(superseded.data).toEqual({ reason: 'superseded' });
    expect(superseded.seq).toBeGreaterThan(won.seq);
  });

  it('stops the loop after maxIterations passes and publishes through the route’s fallback', async () => {
    const booted = await boot();
    const handle = await booted.client.start<Article>('research-agent', SAMPLE_RESEARCH.neverGoodEnough);
    const article = await handle.result();
    const run = await booted.client.getRun(handle.runId);
    const trace = booted.traceOf(handle.runId);

    expect(run.status).toBe('succeeded');
    expect(article).toMatchObject({ passes: MAX_PASSES, approved: false, failedSources: [FLAKY_SOURCE] });
    expect(article.body).toContain(`Revised on pass 3 for: ${NOT_GOOD_ENOUGH}`);
    expect(run.steps.critique).toMatchObject({
      status: 'recovered',
      iteration: MAX_PASSES,
      output: 'publish',
      error: { name: 'LoopLimitError', code: 'LOOP_LIMIT', details: { target: 'write', maxIterations: MAX_PASSES } },
    });
    expect(statuses(run)).toMatchObject({ write: 'succeeded', review: 'succeeded', publish: 'succeeded' });

    expect(timelineOf(trace, 'write')).toEqual([...spendingRun('#1'), ...spendingRun('#2'), ...spendingRun('#3')]);
    expect(timelineOf(trace, 'critique')).toEqual([
      ...freeRun('#1'),
      ['loop.iteration', '#2'],
      ...freeRun('#2'),
      ['loop.iteration', '#3'],
      ['step.scheduled', '#3'],
      ['step.started', '#3'],
      ['step.recovered', '#3'],
    ]);
    const recovered = trace.find((e) => e.type === 'step.recovered')!;
    expect(recovered.data).toMatchObject({ output: 'publish', error: { name: 'LoopLimitError', code: 'LOOP_LIMIT' } });
    expect(trace.filter((e) => e.type === 'loop.iteration').map((e) => e.iteration)).toEqual([2, 3]);
    expect(timelineOf(trace, 'publish')).toEqual(freeRun());
    expect(trace.find((e) => e.step === 'publish')!.seq).toBeGreaterThan(recovered.seq);
  });
});
