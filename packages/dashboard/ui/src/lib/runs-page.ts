import type { RunQuery, RunSummary } from '@baton/runtime';

/**
 * The run list's filters; status `waiting` is a running run with a step waiting (for a signal or a delay);
 * `search` (run id or input text) is applied by the server, `from` / `to` bound the start time (epoch ms).
 */
export interface RunFilters {
  workflow?: string;
  status?: RunQuery['status'];
  search?: string;
  from?: number;
  to?: number;
}

/**
 * Whether a run belongs in a list with these filters (as `listRuns` decides). The search is not checked
 * here: the server sends only runs that match it.
 */
export function matchesFilters(run: RunSummary, filters: RunFilters): boolean {
  if (filters.workflow && run.workflow !== filters.workflow) return false;
  if (filters.from !== undefined && run.startedAt < filters.from) return false;
  if (filters.to !== undefined && run.startedAt > filters.to) return false;
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
 * filters (the server sends runs that left them, e.g. under `waiting` a run whose steps stopped waiting),
 * keeps newest first and at most `limit` rows.
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

/** The run list's filters read from its URL query (`from` / `to` as epoch ms); unknown values are ignored. */
export function filtersFromQuery(query: URLSearchParams, statuses: readonly string[]): RunFilters {
  const number = (key: string): number | undefined => {
    const raw = query.get(key);
    const value = raw ? Number(raw) : Number.NaN;
    return Number.isFinite(value) ? value : undefined;
  };
  const status = statuses.find((s) => s === query.get('status')) as RunFilters['status'];
  const search = query.get('search')?.slice(0, 200) || undefined;
  const workflow = query.get('workflow') || undefined;
  const from = number('from');
  const to = number('to');
  return {
    ...(workflow && { workflow }),
    ...(status && { status }),
    ...(search && { search }),
    ...(from !== undefined && { from }),
    ...(to !== undefined && (from === undefined || to >= from) && { to }),
  };
}
