import { STEP_STATES } from '../lib/states.js';

/** The colours of the step states (the run page). */
export function StateLegend() {
  return (
    <div className="legend" aria-label="Step states" data-testid="legend">
      {STEP_STATES.map(({ state, label, hint }) => (
        <span key={state} className={`legend-item state-${state}`} title={hint}>
          <span className="state-swatch" />
          {label}
        </span>
      ))}
    </div>
  );
}
