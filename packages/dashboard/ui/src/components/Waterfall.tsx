import { useMemo } from 'react';
import type { RunModel } from '../lib/run-model.js';
import { ATTEMPT_OUTCOMES } from '../lib/states.js';
import { formatDuration } from '../lib/format.js';
import { tickStep, waterfallRows } from '../lib/waterfall-rows.js';
import { useNow } from '../lib/use-now.js';
import { WaterfallLane } from './WaterfallLane.js';
import { WaterfallLoopRow } from './WaterfallLoopRow.js';

/** Lanes drawn at most (a forEach over thousands of items would otherwise flood the DOM). */
const MAX_ROWS = 300;

interface Props {
  model: RunModel;
  selected?: string;
  onSelect: (step: string) => void;
}

/**
 * The waterfall: a lane per step (per item for forEach, per pass in a loop), a bar per attempt, and a row
 * per loop marking where each new pass started, on the run's time axis.
 */
export function Waterfall({ model, selected, onSelect }: Props) {
  const running = model.status === 'running';
  const now = useNow(running, 250);
  const { rows, hidden } = useMemo(() => waterfallRows(model, MAX_ROWS), [model]);
  const t0 = model.startedAt;
  const lastEnd = model.attempts.reduce((max, a) => Math.max(max, a.endedAt ?? (running ? now : a.startedAt)), t0);
  const end = Math.max(model.endedAt ?? (running ? now : lastEnd), lastEnd);
  const span = Math.max(end - t0, 1);
  const step = tickStep(span);
  const ticks: number[] = [];
  for (let t = 0; t <= span; t += step) ticks.push(t);
  const laneNow = running ? now : end;

  return (
    <div className="waterfall card" data-testid="waterfall">
      <div className="section-head">
        <h2>Timeline</h2>
        <div className="legend">
          {ATTEMPT_OUTCOMES.map(({ outcome, label }) => (
            <span key={outcome} className="legend-item">
              <span className={`wf-swatch outcome-${outcome}`} />
              {label}
            </span>
          ))}
          <span className="legend-item">
            <span className="wf-swatch wf-swatch-wait" />
            retry wait
          </span>
          {model.loopMarks.length > 0 && <span className="legend-item">↻ new loop pass</span>}
        </div>
      </div>
      <div className="wf-grid">
        <div className="wf-row wf-axis">
          <div className="wf-label muted small">step</div>
          <div className="wf-track">
            {ticks.map((t) => (
              <span key={t} className="wf-tick" style={{ left: `${(t / span) * 100}%` }}>
                {formatDuration(t)}
              </span>
            ))}
          </div>
          <div className="wf-duration muted small">time</div>
        </div>
        {rows.map((row) =>
          row.kind === 'loop' ? (
            <WaterfallLoopRow key={row.key} row={row} t0={t0} span={span} onSelect={onSelect} />
          ) : (
            <WaterfallLane
              key={row.key}
              row={row}
              t0={t0}
              span={span}
              now={laneNow}
              selected={row.step.name === selected}
              onSelect={onSelect}
            />
          ),
        )}
      </div>
      {hidden > 0 && (
        <p className="muted small">
          {hidden} more rows not shown (the first {MAX_ROWS} are).
        </p>
      )}
    </div>
  );
}
