import { formatTime } from '../lib/format.js';
import { progressText, type StepProgress } from '../lib/run-progress.js';
import type { StepState } from '../lib/states.js';

/** A step's latest progress (`ctx.progress`) in its panel: live while it runs, the last one after. */
export function StepProgressView({ progress, state }: { progress: StepProgress | undefined; state: StepState }) {
  if (!progress) return null;
  const live = state === 'running' || state === 'retrying';
  return (
    <section>
      <h3>{live ? 'Progress (live)' : 'Last progress'}</h3>
      <pre className={`progress-text${live ? ' is-live' : ''}`} data-testid="step-progress">
        {progressText(progress.data)}
      </pre>
      <p className="muted small">
        {formatTime(progress.ts)}
        {progress.index !== undefined && ` · item ${progress.index}`}
        {progress.iteration !== undefined && ` · pass ${progress.iteration}`}
      </p>
    </section>
  );
}
