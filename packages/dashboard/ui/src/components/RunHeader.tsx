import type { RunModel } from '../lib/run-model.js';
import { formatDuration, formatTime } from '../lib/format.js';
import { useNow } from '../lib/use-now.js';
import { RunLinks } from './RunLinks.js';
import { RunUsageFacts } from './RunUsageFacts.js';
import { StatusBadge } from './StatusBadge.js';

interface Props {
  model: RunModel;
  busy: boolean;
  actionError?: string;
  onCancel: () => void;
  onRerun: () => void;
}

/**
 * The run's identity, status (its waiting steps, or why it was cancelled), timing, usage against its budget, signals kept,
 * related runs and the cancel / rerun buttons.
 */
export function RunHeader({ model, busy, actionError, onCancel, onRerun }: Props) {
  const running = model.status === 'running';
  const now = useNow(running, 250);
  const duration = (model.endedAt ?? (running ? now : model.startedAt)) - model.startedAt;
  return (
    <div className="run-header card">
      <div className="run-title">
        <a href="#/runs" className="muted back-link">
          ← Runs
        </a>
        <h1>
          <a href={`#/workflows/${encodeURIComponent(model.workflow)}`} data-testid="run-workflow">
            {model.workflow}
          </a>
        </h1>
        <StatusBadge status={model.status} testId="run-status" />
        {running && model.waiting.length > 0 && (
          <span
            className="status-badge state-waiting"
            data-testid="run-waiting"
            title="steps waiting for a signal or a delay (they hold no worker)"
          >
            <span className="state-dot" />
            waiting: {model.waiting.join(', ')}
          </span>
        )}
        {model.status === 'cancelled' && model.error?.reason && (
          <span
            className="muted run-cancel-reason"
            data-testid="run-cancel-reason"
            title="who or what cancelled the run"
          >
            {model.error.reason}
          </span>
        )}
        <span className="mono muted run-id" title="run id">
          {model.runId}
        </span>
        <span className="run-title-spacer" />
        {running && (
          <button className="btn btn-danger" data-testid="cancel-run" disabled={busy} onClick={onCancel}>
            Cancel
          </button>
        )}
        <button
          className="btn"
          data-testid="rerun"
          disabled={busy}
          onClick={onRerun}
          title="A new run with the same input, from the first failed step (or from the start)"
        >
          ↻ Rerun
        </button>
      </div>
      <dl className="facts run-facts">
        <div>
          <dt>started</dt>
          <dd>{formatTime(model.startedAt)}</dd>
        </div>
        <div>
          <dt>ended</dt>
          <dd>{model.endedAt !== undefined ? formatTime(model.endedAt) : '—'}</dd>
        </div>
        <div>
          <dt>duration</dt>
          <dd data-testid="run-duration">{formatDuration(duration)}</dd>
        </div>
        <div>
          <dt>events</dt>
          <dd>{model.lastSeq}</dd>
        </div>
        <RunUsageFacts model={model} />
        {Object.keys(model.pendingSignals).length > 0 && (
          <div title="signals received before a step waited for them; the next step to wait takes the oldest">
            <dt>signals kept</dt>
            <dd className="mono" data-testid="run-signals-kept">
              {Object.entries(model.pendingSignals)
                .map(([name, count]) => (count > 1 ? `${name} ×${count}` : name))
                .join(', ')}
            </dd>
          </div>
        )}
      </dl>
      <RunLinks model={model} />
      {actionError && (
        <p className="form-error" data-testid="action-error">
          {actionError}
        </p>
      )}
    </div>
  );
}
