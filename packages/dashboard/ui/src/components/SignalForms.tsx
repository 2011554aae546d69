import type { SignalSchema } from '../../../src/protocol.js';
import type { RunModel } from '../lib/run-model.js';
import { waitingForSignals } from '../lib/waiting-signals.js';
import { SignalForm } from './SignalForm.js';

/** A card with one signal form per step waiting for a signal; nothing when none waits. */
export function SignalForms({ model, signals }: { model: RunModel; signals?: readonly SignalSchema[] }) {
  const waits = waitingForSignals(model);
  if (waits.length === 0) return null;
  return (
    <section className="card signal-card" data-testid="signal-forms" aria-label="Signals to send">
      <div className="section-head">
        <h2>Waiting for you</h2>
        <span className="muted small">a step runs once it gets its signal</span>
      </div>
      {waits.map(({ step, signal, pass }) => {
        const schema = signals?.find((s) => s.name === signal);
        return (
          <SignalForm
            // A new wait (another pass of a loop) gets a fresh form.
            key={`${step}:${signal}:${pass ?? 1}`}
            runId={model.runId}
            step={step}
            signal={signal}
            {...(schema && { schema })}
          />
        );
      })}
    </section>
  );
}
