import type { RunSummary } from '@baton/runtime';
import { useNow } from '../lib/use-now.js';
import { RunRow } from './RunRow.js';

/** The run table: one page of runs; durations of running runs tick every second. */
export function RunsTable({ rows }: { rows: readonly RunSummary[] }) {
  const anyRunning = rows.some((r) => r.status === 'running');
  const now = useNow(anyRunning);
  return (
    <table className="table runs-table" data-testid="runs-table">
      <thead>
        <tr>
          <th>Run</th>
          <th>Workflow</th>
          <th>Status</th>
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
            <td colSpan={6} className="empty">
              No runs match.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
