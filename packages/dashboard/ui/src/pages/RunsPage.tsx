import { useState } from 'react';
import { RunFilters } from '../components/RunFilters.js';
import { RunsTable } from '../components/RunsTable.js';
import { api } from '../lib/api.js';
import { navigate, runsHref } from '../lib/router.js';
import { filtersFromQuery, type RunFilters as Filters } from '../lib/runs-page.js';
import { RUN_FILTER_STATUSES } from '../lib/states.js';
import { useRunList } from '../lib/use-run-list.js';
import { useWorkflows } from '../lib/use-workflows.js';

const PAGE_SIZE = 50;

/**
 * The run list; filters live in the hash (`#/runs?search=ada&workflow=x&status=failed&from=…&to=…`), so a
 * search is a link. The filters stay mounted while the list below them is replaced per filter.
 */
export function RunsPage({ query }: { query: URLSearchParams }) {
  const { workflows } = useWorkflows();
  const filters = filtersFromQuery(query, RUN_FILTER_STATUSES);
  const { workflow, status, search, from, to } = filters;
  return (
    <div className="page">
      <div className="page-head">
        <h1>Runs</h1>
        <RunFilters
          workflows={(workflows ?? []).map((w) => w.name)}
          {...filters}
          onChange={(next) => navigate(runsHref(next), { replace: true })}
        />
      </div>
      <RunsList key={[workflow, status, search, from, to].join('|')} filters={filters} />
    </div>
  );
}

/** One filtered list, paged by cursor: a stack of cursors, page one (live) at the bottom. */
function RunsList({ filters }: { filters: Filters }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const [paging, setPaging] = useState(false);
  const cursor = cursors.at(-1);
  const list = useRunList(filters, cursor, PAGE_SIZE);

  const older = async (): Promise<void> => {
    let next = list.nextCursor;
    if (cursor === undefined) {
      // Live updates may have pushed rows off page one since it was read: take a fresh cursor.
      setPaging(true);
      try {
        next = (await api.runs({ ...filters, limit: PAGE_SIZE })).nextCursor;
      } catch {
        // keep the cursor we have
      } finally {
        setPaging(false);
      }
    }
    if (next) setCursors((c) => [...c, next]);
  };

  return (
    <>
      <div className="runs-head">
        <span className="runs-total" data-testid="runs-total">
          {list.total === undefined ? '…' : `${list.total.toLocaleString('en-US')} run${list.total === 1 ? '' : 's'}`}
        </span>
        <span className="page-head-spacer" />
        <span
          className={`live-tag${list.live ? ' is-live' : ''}`}
          title={list.live ? 'Page one updates live' : 'Not live'}
        >
          {list.live ? '● live' : cursor === undefined ? 'not live' : `page ${cursors.length + 1}`}
        </span>
      </div>
      {list.error && <p className="notice notice-error">{list.error}</p>}
      <div className={`card table-card${list.loading ? ' is-loading' : ''}`}>
        <RunsTable rows={list.rows} />
      </div>
      <div className="pager">
        <button
          className="btn"
          data-testid="page-newest"
          disabled={cursors.length === 0}
          onClick={() => setCursors([])}
        >
          ⇤ Newest
        </button>
        <button
          className="btn"
          data-testid="page-newer"
          disabled={cursors.length === 0}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          ← Newer
        </button>
        <span className="muted small">
          {list.rows.length} run{list.rows.length === 1 ? '' : 's'} on this page
        </span>
        <button
          className="btn"
          data-testid="page-older"
          disabled={paging || !(list.nextCursor || (cursor === undefined && list.rows.length >= PAGE_SIZE))}
          onClick={() => void older()}
        >
          Older →
        </button>
      </div>
    </>
  );
}
