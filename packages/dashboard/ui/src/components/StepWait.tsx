import type { RunModel, StepView } from '../lib/run-model.js';
import { useNow } from '../lib/use-now.js';
import { waitEnd, waitSubject, waitTime } from '../lib/wait-text.js';
import { JsonBlock } from './JsonBlock.js';

/**
 * A step's wait in its panel: what it waits for and until when while `waiting`, the signals of its name
 * received early and kept, and the payload it took.
 */
export function StepWait({ model, step }: { model: RunModel; step: StepView }) {
  const waiting = step.state === 'waiting';
  const until = waiting ? step.waitingFor?.until : undefined;
  const now = useNow(until !== undefined, 1000);
  const signal = step.node?.wait?.signal;
  const kept = signal !== undefined ? (model.pendingSignals[signal] ?? 0) : 0;
  return (
    <>
      {waiting && (
        <p className="notice notice-waiting" data-testid="step-waiting">
          Waiting for <strong className="mono">{waitSubject(step.waitingFor, step.node)}</strong>
          {step.node?.wait?.payload && <span className="muted"> (payload {step.node.wait.payload})</span>}
          {until !== undefined ? (
            <>
              {' '}
              <span data-testid="step-wait-until" title={new Date(until).toLocaleString()}>
                {waitTime(until, now)}
              </span>
              <span className="muted">, {waitEnd(step.waitingFor)}</span>
            </>
          ) : (
            <span className="muted">
              {step.waitingFor?.delay ? ' (its length is computed at run time)' : ', for as long as it takes'}
            </span>
          )}
          .
        </p>
      )}
      {kept > 0 && (
        <p className="notice" data-testid="step-signals-kept">
          {kept} <span className="mono">{signal}</span> signal{kept === 1 ? '' : 's'} received early and kept: the next
          step to wait for it takes the oldest at once.
        </p>
      )}
      {step.received && (
        <section>
          <h3>Signal received</h3>
          <JsonBlock value={step.received.value} testId="step-received" maxHeight={200} />
        </section>
      )}
    </>
  );
}
