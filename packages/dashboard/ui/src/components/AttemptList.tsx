import type { AttemptView } from '../lib/run-model.js';
import { formatDuration } from '../lib/format.js';
import { describeUsage } from '../lib/usage.js';

/** Most attempts listed in the step panel (the latest ones). */
const MAX_ATTEMPTS = 200;

/** The attempts of a step (of every loop pass), with outcome, timing, error, retry wait and usage. */
export function AttemptList({ attempts, t0, now }: { attempts: readonly AttemptView[]; t0: number; now: number }) {
  if (attempts.length === 0) return <p className="muted small">No attempt started.</p>;
  const shown = attempts.slice(-MAX_ATTEMPTS);
  const passes = shown.some((a) => a.iteration !== undefined);
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
            {passes && <th className="col-pass">pass</th>}
            <th className="col-attempt">#</th>
            <th className="col-item">item</th>
            <th className="col-outcome">outcome</th>
            <th className="col-at num">at</th>
            <th className="col-took num">took</th>
            <th>details</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <tr
              key={a.key}
              data-testid="attempt-row"
              data-outcome={a.outcome}
              {...(a.iteration !== undefined && { 'data-iteration': a.iteration })}
            >
              {passes && <td className="num">{a.iteration ?? ''}</td>}
              <td className="num">{a.attempt}</td>
              <td className="num">{a.index ?? ''}</td>
              <td>
                <span className={`outcome-text outcome-${a.outcome}`}>{a.outcome}</span>
                {a.aborted && a.outcome !== 'superseded' && a.outcome !== 'aborted' && (
                  <span className="muted small"> aborted</span>
                )}
                {a.tolerated && <span className="muted small"> tolerated</span>}
              </td>
              <td className="num">+{formatDuration(a.startedAt - t0)}</td>
              <td className="num">{formatDuration((a.endedAt ?? now) - a.startedAt)}</td>
              <td className="error-cell" title={a.error ? `${a.error.name}: ${a.error.message}` : undefined}>
                {a.error ? `${a.error.name}: ${a.error.message}` : ''}
                {a.delayMs !== undefined && (
                  <span className="muted small"> · retry in {formatDuration(a.delayMs)}</span>
                )}
                {a.usage && <span className="muted small usage-cell">{describeUsage(a.usage)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
