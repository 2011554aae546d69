import type { Collected, ResearchPlan, SourceNotes } from '../research.types.js';

/**
 * Gathers the notes that came back and names the sources that did not: `search` has `null` where a
 * source failed (or is missing altogether when the whole search failed), and `failure` is its error.
 */
export function collectNotes(
  plan: ResearchPlan,
  search: ReadonlyArray<SourceNotes | null> | undefined,
  failure: Error | undefined,
): Collected {
  const found = plan.sources.map((_query, i) => search?.[i] ?? null);
  return {
    notes: found.filter((notes) => notes !== null),
    failedSources: plan.sources.filter((_query, i) => found[i] === null).map((query) => query.source),
    ...(failure && { failure: failure.message }),
  };
}
