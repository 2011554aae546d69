import type { RunState } from '../coordinator/run-state.js';
import type { RunSnapshot, StepSnapshot } from '../coordinator/run-snapshot.js';

/** A deep copy of a run's state in the public {@link RunSnapshot} shape (internal counters removed). */
export function toSnapshot(state: RunState): RunSnapshot {
  const steps: Record<string, StepSnapshot> = {};
  for (const [name, step] of Object.entries(state.steps)) {
    const { itemsState: _items, ...snapshot } = step;
    steps[name] = snapshot;
  }
  const { seq: _seq, steps: _steps, traceparent: _traceparent, ...run } = state;
  return structuredClone({ ...run, steps });
}
