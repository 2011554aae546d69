import type { RunQuery, RunSummary } from '@baton/runtime';

/** The run list's filters; status `waiting` is a running run with a step waiting (for a signal or a delay). */
export interface RunFilters {
  workflow?: string;
  status?: RunQuery['status'];
}

/** Whether a run belongs in a list with these filters (as `listRuns` decides). */
export function matchesFilters(run: RunSummary, filters: RunFilters): boolean {
  if (filters.workflow && run.workflow !== filters.workflow) return false;
  if (filters.status === 'waiting') return run.status === 'running' && (run.waiting ?? 0) > 0;
  return !filters.status || run.status === filters.status;
}

/** An upsert: the update is the run's whole summary, so a count it no longer carries (`waiting`) is gone. */
function merge(known: RunSummary, update: RunSummary): RunSummary {
  const { waiting: _waiting, ...rest } = known;
  return { ...rest, ...update };
}

/**
 * Applies a `runs:update` batch to page one: upserts by runId, drops runs that no longer match the
 * filters (the server filters updates by workflow only; under `waiting`, a run whose steps stopped waiting), keeps newest first and at most `limit` rows.
 * A run older than a full page's last row belongs to a later page and is not added.
 */
export function applyRunsUpdate(
  rows: readonly RunSummary[],
  updates: readonly RunSummary[],
  filters: RunFilters,
  limit: number,
): RunSummary[] {
  if (updates.length === 0) return rows as RunSummary[];
  const byId = new Map(rows.map((r) => [r.runId, r]));
  const oldest = rows.length >= limit ? rows[rows.length - 1].startedAt : -Infinity;
  const added: RunSummary[] = [];
  for (const update of updates) {
    const known = byId.has(update.runId);
    if (!matchesFilters(update, filters)) {
      if (known) byId.delete(update.runId);
    } else if (known) {
      byId.set(update.runId, merge(byId.get(update.runId)!, update));
    } else if (update.startedAt >= oldest) {
      byId.set(update.runId, update);
      added.push(update);
    }
  }
  // Updates arrive in event order: among runs started in the same millisecond, a later one is newer.
  const arrival = new Map(added.map((r, i) => [r.runId, i]));
  const rank = (r: RunSummary): number => arrival.get(r.runId) ?? -1;
  return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt || rank(b) - rank(a)).slice(0, limit);
}
