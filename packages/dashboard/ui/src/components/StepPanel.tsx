import type { RunModel } from '../lib/run-model.js';
import type { StepProgress } from '../lib/run-progress.js';
import { useNow } from '../lib/use-now.js';
import { AttemptList } from './AttemptList.js';
import { ErrorBlock } from './ErrorBlock.js';
import { JsonBlock } from './JsonBlock.js';
import { LogList } from './LogList.js';
import { StatusBadge } from './StatusBadge.js';
import { StepBadges } from './StepBadges.js';
import { StepFacts } from './StepFacts.js';
import { StepNotices } from './StepNotices.js';
import { StepProgressView } from './StepProgressView.js';
import { StepWait } from './StepWait.js';

interface Props {
  model: RunModel;
  name: string;
  /** The step's latest progress, while the page follows the run. */
  progress?: StepProgress;
  busy: boolean;
  onClose: () => void;
  onRerunFrom: (step: string) => void;
}

/**
 * Everything about one step of the run: state, loop pass, usage, what it waits for, attempts, skip reason,
 * progress, input, output, error, logs.
 */
export function StepPanel({ model, name, progress, busy, onClose, onRerunFrom }: Props) {
  const step = model.steps[name];
  const running = step?.state === 'running' || step?.state === 'retrying';
  const now = useNow(running, 500);
  if (!step) return null;
  const end = step.endedAt ?? (running ? now : undefined);
  return (
    <aside className="step-panel card" data-testid="step-panel" data-step={name} aria-label={`Step ${name}`}>
      <div className="step-panel-head">
        <h2 className="mono">{name}</h2>
        <StatusBadge status={step.state} testId="step-status" />
        <span className="run-title-spacer" />
        <button
          className="btn btn-icon"
          onClick={onClose}
          aria-label="Close the step panel"
          data-testid="close-step-panel"
        >
          ×
        </button>
      </div>
      {step.node && (
        <div className="step-panel-policy">
          <span className="tag">{step.node.kind}</span>
          <StepBadges step={step.node} />
          {step.node.dependsOn.length > 0 && (
            <span className="muted small">after {step.node.dependsOn.join(', ')}</span>
          )}
          {step.node.backTargets && step.node.backTargets.length > 0 && (
            <span className="muted small">
              loops back to {step.node.backTargets.join(', ')} (at most {step.node.maxIterations ?? '?'} passes)
            </span>
          )}
        </div>
      )}
      <StepFacts step={step} end={end} />
      <StepNotices model={model} step={step} />
      <StepWait model={model} step={step} />
      <div className="step-panel-actions">
        <button className="btn" data-testid="rerun-from-step" disabled={busy} onClick={() => onRerunFrom(name)}>
          ↻ Rerun from this step
        </button>
      </div>
      {step.error && (
        <section>
          <h3>{step.state === 'recovered' ? 'Error (recovered by the fallback)' : 'Error'}</h3>
          <ErrorBlock error={step.error} testId="step-error" openStack />
        </section>
      )}
      <StepProgressView progress={progress} state={step.state} />
      {step.hasOutput && (
        <section>
          <h3>Output</h3>
          <JsonBlock value={step.output} testId="step-output" />
        </section>
      )}
      <section>
        <h3>Input</h3>
        <JsonBlock value={model.input} testId="step-input" maxHeight={200} />
      </section>
      <section>
        <h3>Attempts</h3>
        <AttemptList attempts={step.attemptList} t0={model.startedAt} now={now} />
      </section>
      <section>
        <h3>Logs</h3>
        <LogList logs={step.logs} t0={model.startedAt} />
      </section>
    </aside>
  );
}
