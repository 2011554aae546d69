import type { Article } from '../src/research.types.js';

/** The article the `approvedOnPass2` sample publishes: cited, concluded, approved on the second pass. */
export const APPROVED_ARTICLE: Article = {
  title: 'Solid-state batteries: a short guide',
  body: [
    'Background: Solid-state batteries: definition and history.',
    'What the sources found: Solid-state batteries: the main open questions.',
    "Open questions: Solid-state batteries: this year's announcements.",
    'In conclusion, Solid-state batteries: a short guide.',
  ].join('\n'),
  citations: ['encyclopedia', 'news-wire', 'journals'],
  failedSources: ['flaky-archive'],
  outlinedBy: 'fast',
  passes: 2,
  approved: true,
};

/** The events of one successful execution of a step that reports usage, tagged with a loop pass if given. */
export function spendingRun(...tags: string[]): string[][] {
  return ['step.scheduled', 'step.started', 'step.usage', 'step.succeeded'].map((type) => [type, ...tags]);
}

/** The events of one successful execution of a step that spends nothing, tagged with a loop pass if given. */
export function freeRun(...tags: string[]): string[][] {
  return ['step.scheduled', 'step.started', 'step.succeeded'].map((type) => [type, ...tags]);
}
