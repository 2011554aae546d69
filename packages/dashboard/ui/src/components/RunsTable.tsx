import type { RunSummary } from '@baton/runtime';
import { useNow } from '../lib/use-now.js';
import { RunRow } from './RunRow.js';

/**
 * The run table: one page of runs; durations of running runs tick every second. Its layout is fixed
 * (column widths do not depend on the rows), so rows arriving live never make the table reflow.
 */
export function RunsTable({ rows }: { rows: readonly RunSummary[] }) {
  const anyRunning = rows.some((r) => r.status === 'running');
  const now = useNow(anyRunning);
  return (
    <table className="table runs-table" data-testid="runs-table">
      <colgroup>
        <col className="col-run" />
        <col className="col-workflow" />
        <col className="col-status" />
        <col className="col-input" />
        <col className="col-started" />
        <col className="col-duration" />
        <col className="col-error" />
      </colgroup>
      <thead>
        <tr>
          <th>Run</th>
          <th>Workflow</th>
          <th>Status</th>
          <th>Input</th>
          <th>Started</th>
          <th className="num">Duration</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((run) => (
          <RunRow key={run.runId} run={run} now={run.status === 'running' ? now : 0} />
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={7} className="empty">
              No runs match.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
