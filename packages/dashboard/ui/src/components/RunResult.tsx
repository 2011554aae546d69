import type { RunModel } from '../lib/run-model.js';
import { ErrorBlock } from './ErrorBlock.js';
import { JsonBlock } from './JsonBlock.js';

/** The run's output once it succeeded, or its error once it failed or was cancelled. */
export function RunResult({ model }: { model: RunModel }) {
  if (model.status === 'running') return null;
  return (
    <section className="card run-result">
      <h2>{model.status === 'succeeded' ? 'Output' : model.status === 'cancelled' ? 'Cancelled' : 'Error'}</h2>
      {model.status === 'succeeded' ? (
        <JsonBlock value={model.hasOutput ? model.output : undefined} testId="run-output" maxHeight={360} />
      ) : (
        model.error && <ErrorBlock error={model.error} testId="run-error" />
      )}
    </section>
  );
}
