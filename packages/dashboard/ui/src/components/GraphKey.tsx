/** The key of the graph's shapes and badges (the workflows page). */
export function GraphKey() {
  return (
    <div className="legend" aria-label="Graph key">
      <span className="legend-item">
        <span className="key-shape key-step" /> step
      </span>
      <span className="legend-item">
        <span className="key-shape key-route" /> route (dashed edges to its targets)
      </span>
      <span className="legend-item">
        <span className="key-shape key-foreach" /> for each item
      </span>
      <span className="legend-item">
        <span className="key-shape key-group" /> parallel group
      </span>
      <span className="legend-item">
        <span className="key-shape key-loop" /> loop body
      </span>
      <span className="legend-item">
        <span className="key-back" /> loop back edge (loop ≤N: at most N passes)
      </span>
      <span className="legend-item" title="a collapsed group or loop body; ▸ expands it, ▾ on a box collapses it">
        <span className="key-shape key-summary" /> collapsed (▸ expand, ▾ collapse)
      </span>
      <span className="legend-item">
        <span className="badge-policy badge-join">any</span>
        <span className="badge-policy badge-join">allSettled</span>
        join
      </span>
      <span className="legend-item">
        <span className="badge-policy badge-retry" title="at most N attempts: the first and N − 1 retries">
          N attempts
        </span>
        <span className="badge-policy badge-timeout">timeout</span>
        <span className="badge-policy badge-fallback">fallback</span>
      </span>
      <span className="legend-item" title="once ready, the step waits for a signal or a delay, holding no worker">
        <span className="badge-policy badge-wait">waits signal</span>
        <span className="badge-policy badge-delay">delay</span>
      </span>
    </div>
  );
}
