import type { RunQuery, RunSummary } from '@baton/runtime';
import { matchesTime } from '@baton/runtime/internal';
import type { SummaryChange } from './run-summaries.js';

/** A client's live run-list subscription: the filters of its page one, and how many runs match them. */
export interface RunListFilter {
  workflow?: string;
  status?: RunQuery['status'];
  /** Lowercase, as the search text it is looked for in. */
  search?: string;
  from?: number;
  to?: number;
  /** How many runs match, kept current as runs start and change status. */
  total: number;
}

/** The live filter of a `subscribe:runs` request, starting from the snapshot's total. */
export function toRunListFilter(query: RunQuery, total: number): RunListFilter {
  return {
    ...(query.workflow && { workflow: query.workflow }),
    ...(query.status && { status: query.status }),
    ...(query.search && { search: query.search.toLowerCase() }),
    ...(query.from !== undefined && { from: query.from }),
    ...(query.to !== undefined && { to: query.to }),
    total,
  };
}

/** Whether a run passes a filter, as `listRuns` decides it (`'running'` includes waiting runs). */
export function matchesRunList(filter: RunListFilter, summary: RunSummary, search: string): boolean {
  if (filter.workflow !== undefined && summary.workflow !== filter.workflow) return false;
  if (filter.status === 'waiting') {
    if (summary.status !== 'running' || !summary.waiting) return false;
  } else if (filter.status !== undefined && summary.status !== filter.status) return false;
  if (!matchesTime(summary.startedAt, filter)) return false;
  return filter.search === undefined || search.includes(filter.search);
}

/**
 * Applies a run's change to a live filter: updates its total (a run that starts matching counts, one that
 * stops matching no longer does) and tells whether the client must hear of the change (the run matches
 * now, or matched before and must leave the list).
 */
export function applyToRunList(filter: RunListFilter, change: SummaryChange): boolean {
  const now = matchesRunList(filter, change.summary, change.search);
  const before = change.previous !== undefined && matchesRunList(filter, change.previous, change.search);
  if (now && !before) filter.total++;
  else if (before && !now) filter.total--;
  return now || before;
}
