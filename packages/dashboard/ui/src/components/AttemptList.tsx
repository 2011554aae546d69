import type { AttemptView } from '../lib/run-model.js';
import { formatDuration } from '../lib/format.js';

/** Most attempts listed in the step panel (the latest ones). */
const MAX_ATTEMPTS = 200;

/** The attempts of a step, with outcome, timing and error. */
export function AttemptList({ attempts, t0, now }: { attempts: readonly AttemptView[]; t0: number; now: number }) {
  if (attempts.length === 0) return <p className="muted small">No attempt started.</p>;
  const shown = attempts.slice(-MAX_ATTEMPTS);
  return (
    <>
      {attempts.length > shown.length && (
        <p className="muted small">
          Showing the last {shown.length} of {attempts.length} attempts.
        </p>
      )}
      <table className="table attempts-table" data-testid="step-attempts">
        <thead>
          <tr>
            <th>#</th>
            <th>item</th>
            <th>outcome</th>
            <th className="num">at</th>
            <th className="num">took</th>
            <th>error</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <tr key={a.key} data-testid="attempt-row" data-outcome={a.outcome}>
              <td className="num">{a.attempt}</td>
              <td className="num">{a.index ?? ''}</td>
              <td>
                <span className={`outcome-text outcome-${a.outcome}`}>{a.outcome}</span>
                {a.aborted && <span className="muted small"> aborted</span>}
              </td>
              <td className="num">+{formatDuration(a.startedAt - t0)}</td>
              <td className="num">{formatDuration((a.endedAt ?? now) - a.startedAt)}</td>
              <td className="error-cell" title={a.error ? `${a.error.name}: ${a.error.message}` : undefined}>
                {a.error ? `${a.error.name}: ${a.error.message}` : ''}
                {a.delayMs !== undefined && (
                  <span className="muted small"> · retry in {formatDuration(a.delayMs)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
