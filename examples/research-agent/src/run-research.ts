import type { BatonClient, RunSnapshot, StepSnapshot } from '@baton/runtime';
import type { ResearchInput } from './research.input.js';
import type { Article } from './research.types.js';
import { SAMPLE_RESEARCH } from './sample-research.js';

/** One step's final state: status, pass (`#2`), attempts (`×2`) and why it was skipped. */
function describeStep(step: StepSnapshot): string {
  const pass = step.iteration !== undefined && step.iteration > 1 ? ` #${step.iteration}` : '';
  const attempts = step.attempts > 1 ? ` ×${step.attempts}` : '';
  const why = step.skipReason ? ` (${step.skipReason})` : '';
  return `${step.name}:${step.status}${pass}${attempts}${why}`;
}

/** What a run spent: tokens, dollars, searches and step executions. */
function describeUsage(run: RunSnapshot): string {
  const usage = run.usage ?? {};
  const cost = (usage.costUsd ?? 0).toFixed(4);
  return `${usage.tokens ?? 0} tokens, $${cost}, ${usage.searches ?? 0} searches, ${usage.steps ?? 0} step executions`;
}

/** The outcome: the article's headline facts, or the run's error. */
function describeOutcome(run: RunSnapshot): string {
  if (run.status !== 'succeeded') return `error:   ${run.error?.name}: ${run.error?.message}`;
  const article = run.output as Article;
  const verdict = article.approved ? 'approved' : 'published unapproved';
  return (
    `article: "${article.title}", ${article.passes} passes, ${verdict}, outlined by the ${article.outlinedBy} model; ` +
    `cites ${article.citations.join(', ') || 'nothing'}; failed sources: ${article.failedSources.join(', ') || 'none'}`
  );
}

/** A run as the CLI prints it: status and duration, each step's final state, what it spent, and its outcome. */
export function describeRun(label: string, run: RunSnapshot): string {
  const took = run.endedAt === undefined ? '' : ` in ${run.endedAt - run.startedAt} ms`;
  return [
    `[${label}] run ${run.runId} ${run.status}${took}`,
    `  path:    ${Object.values(run.steps).map(describeStep).join(' → ')}`,
    `  usage:   ${describeUsage(run)}`,
    `  ${describeOutcome(run)}`,
  ].join('\n');
}

/**
 * Starts the samples at once through `client`, waits for each run to end (a failed run is reported, not
 * thrown), and returns their descriptions in sample order.
 */
export async function runResearchSamples(
  client: BatonClient,
  samples: Record<string, ResearchInput> = SAMPLE_RESEARCH,
): Promise<string[]> {
  const started = await Promise.all(
    Object.entries(samples).map(async ([label, input]) => ({
      label,
      handle: await client.start<Article>('research-agent', input),
    })),
  );
  return Promise.all(
    started.map(async ({ label, handle }) => {
      await handle.result().catch(() => undefined);
      return describeRun(label, await client.getRun(handle.runId));
    }),
  );
}
