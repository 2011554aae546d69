import { useEffect, useState } from 'react';

/** The pages of the dashboard, parsed from `location.hash`. */
export type Route =
  | { page: 'workflows'; workflow?: string }
  | { page: 'runs'; query: URLSearchParams }
  | { page: 'run'; runId: string }
  | { page: 'not-found'; hash: string };

/** Parses `#/workflows`, `#/runs?workflow=x`, `#/runs/<id>`; the empty hash is the workflows page. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0 || (parts[0] === 'workflows' && parts.length <= 2)) {
    return parts[1] ? { page: 'workflows', workflow: parts[1] } : { page: 'workflows' };
  }
  if (parts[0] === 'runs' && parts.length === 1) return { page: 'runs', query: new URLSearchParams(search) };
  if (parts[0] === 'runs' && parts.length === 2) return { page: 'run', runId: parts[1] };
  return { page: 'not-found', hash };
}

/** The hash of a run's page. */
export function runHref(runId: string): string {
  return `#/runs/${encodeURIComponent(runId)}`;
}

/** The run list's filters as they sit in its URL (`from` / `to` in epoch ms). */
export interface RunsHrefFilters {
  workflow?: string;
  status?: string;
  search?: string;
  from?: number;
  to?: number;
}

/** The hash of the run list, with optional filters: `#/runs?search=ada&status=failed&from=…&to=…`. */
export function runsHref(filters: RunsHrefFilters = {}): string {
  const query = new URLSearchParams();
  if (filters.workflow) query.set('workflow', filters.workflow);
  if (filters.status) query.set('status', filters.status);
  if (filters.search) query.set('search', filters.search);
  if (filters.from !== undefined) query.set('from', String(filters.from));
  if (filters.to !== undefined) query.set('to', String(filters.to));
  const search = query.toString();
  return search ? `#/runs?${search}` : '#/runs';
}

/**
 * Goes to a page. Only the hash changes, so the path and the `?token=` query are kept.
 * `replace` swaps the history entry instead of adding one (for filter changes).
 */
export function navigate(hash: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}

/** The current route, updated on every hash change. */
export function useRoute(): Route {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = (): void => setHash(location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseRoute(hash);
}
