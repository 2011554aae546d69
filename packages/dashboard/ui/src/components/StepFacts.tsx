import type { StepView } from '../lib/run-model.js';
import { formatDuration, formatTime } from '../lib/format.js';
import { passLabel } from '../lib/loops.js';
import { formatUsageValue, usageEntries, usageLabel } from '../lib/usage.js';

/** A step's facts in its panel: attempts (this pass), start, time taken, items, loop pass and usage. */
export function StepFacts({ step, end }: { step: StepView; end: number | undefined }) {
  return (
    <dl className="facts">
      <div title={step.pass ? 'attempts started in this pass (every pass is in the list below)' : undefined}>
        <dt>{step.pass ? 'attempts this pass' : 'attempts'}</dt>
        <dd data-testid="step-attempt-count">{step.attempts}</dd>
      </div>
      <div>
        <dt>started</dt>
        <dd>{formatTime(step.startedAt)}</dd>
      </div>
      <div>
        <dt>took</dt>
        <dd>{step.startedAt !== undefined && end !== undefined ? formatDuration(end - step.startedAt) : '—'}</dd>
      </div>
      {step.items !== undefined && (
        <div>
          <dt>items</dt>
          <dd>{step.items}</dd>
        </div>
      )}
      {step.pass && (
        <div title="the loop pass it is in (or last ran in), out of the loop's most passes">
          <dt>loop</dt>
          <dd data-testid="step-pass">{passLabel(step.pass)}</dd>
        </div>
      )}
      {usageEntries(step.usage).map(([counter, value]) => (
        <div key={counter} title="reported with ctx.usage, over every attempt, item and pass">
          <dt>{usageLabel(counter)}</dt>
          <dd className="num" data-testid={`step-usage-${counter}`}>
            {formatUsageValue(counter, value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
