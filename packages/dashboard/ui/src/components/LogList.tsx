import type { LogLine } from '../lib/run-model.js';
import { formatDuration, toJson } from '../lib/format.js';

/** Most log lines kept in the DOM (the latest ones). */
export const MAX_LOG_LINES = 500;

/** A step's `ctx.log` lines, newest last, capped to the last {@link MAX_LOG_LINES}. */
export function LogList({ logs, t0 }: { logs: readonly LogLine[]; t0: number }) {
  if (logs.length === 0) return <p className="muted small">No log lines.</p>;
  const shown = logs.length > MAX_LOG_LINES ? logs.slice(-MAX_LOG_LINES) : logs;
  return (
    <>
      {logs.length > shown.length && (
        <p className="muted small">
          Showing the last {shown.length} of {logs.length} lines.
        </p>
      )}
      <ol className="logs" data-testid="step-logs">
        {shown.map((line) => (
          <li key={line.seq} className="log-line">
            <span className="log-time">+{formatDuration(line.ts - t0)}</span>
            {line.index !== undefined && <span className="log-index">[{line.index}]</span>}
            <span className="log-message">{line.message}</span>
            {line.data !== undefined && <code className="log-data">{toJson(line.data).replace(/\n\s*/g, ' ')}</code>}
          </li>
        ))}
      </ol>
    </>
  );
}
