import { memo } from 'react';
import type { RunSummary } from '@baton/runtime';
import { formatDateTime, formatDuration, shortId } from '../lib/format.js';
import { navigate, runHref } from '../lib/router.js';
import { StatusBadge } from './StatusBadge.js';

/**
 * One row of the run table, with a `waiting` tag while steps of the run wait; `now` only matters (and only
 * changes) while the run is running. Memoised: a live update re-renders only the rows whose run changed.
 */
export const RunRow = memo(function RunRow({ run, now }: { run: RunSummary; now: number }) {
  const end = run.endedAt ?? (run.status === 'running' ? now : undefined);
  return (
    <tr
      className="run-row"
      data-testid="run-row"
      data-run-id={run.runId}
      data-status={run.status}
      onClick={(e) => {
        if (!(e.target as HTMLElement).closest('a')) navigate(runHref(run.runId));
      }}
    >
      <td className="mono">
        <a href={runHref(run.runId)} title={run.runId}>
          {shortId(run.runId)}
        </a>
        {run.rerunOf && (
          <span className="tag" title={`rerun of ${run.rerunOf}`}>
            rerun
          </span>
        )}
        {run.parentRunId && (
          <span className="tag" title={`child of ${run.parentRunId}`}>
            child
          </span>
        )}
      </td>
      <td>{run.workflow}</td>
      <td>
        <StatusBadge status={run.status} />
        {run.status === 'running' && run.waiting !== undefined && run.waiting > 0 && (
          <span
            className="tag tag-waiting"
            data-testid="run-waiting-badge"
            title={`${run.waiting} step${run.waiting === 1 ? '' : 's'} waiting for a signal or a delay`}
          >
            waiting{run.waiting > 1 ? ` ×${run.waiting}` : ''}
          </span>
        )}
      </td>
      <td className="input-cell mono" data-testid="run-input" title={run.input}>
        {run.input}
      </td>
      <td className="started-cell" title={new Date(run.startedAt).toLocaleString()}>
        {formatDateTime(run.startedAt)}
      </td>
      <td className="num">{end === undefined ? '—' : formatDuration(end - run.startedAt)}</td>
      <td className="error-cell" title={run.error?.message}>
        {run.error ? `${run.error.name}: ${run.error.message}` : ''}
      </td>
    </tr>
  );
});
