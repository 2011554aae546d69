import { memo } from 'react';
import type { LoopRow } from '../lib/waterfall-rows.js';
import { formatDuration } from '../lib/format.js';

interface Props {
  row: LoopRow;
  t0: number;
  span: number;
  onSelect: (step: string) => void;
}

const pct = (value: number): string => `${Math.max(0, Math.min(100, value * 100)).toFixed(3)}%`;

/** A loop's row under its route: a marker where each new pass of the body started (`↻ pass 2/3`). */
export const WaterfallLoopRow = memo(function WaterfallLoopRow({ row, t0, span, onSelect }: Props) {
  return (
    <div
      className="wf-row wf-loop-row"
      data-testid={`loop-row-${row.router}`}
      onClick={() => onSelect(row.router)}
      title={`${row.router} sent the run back to ${row.target}`}
    >
      <div className="wf-label">
        <span className="wf-loop-glyph" aria-hidden>
          ↻
        </span>
        <span className="mono muted">
          {row.router} → {row.target}
        </span>
      </div>
      <div className="wf-track">
        {row.marks.map((mark) => (
          <span
            key={mark.seq}
            className="wf-loop-mark"
            data-testid={`loop-mark-${row.router}-${mark.iteration}`}
            style={{ left: pct((mark.ts - t0) / span) }}
            title={`pass ${mark.iteration} of ${row.target} started at +${formatDuration(mark.ts - t0)}`}
          >
            <span className="wf-loop-label">
              ↻ pass {mark.iteration}
              {mark.maxIterations !== undefined && `/${mark.maxIterations}`}
            </span>
          </span>
        ))}
      </div>
      <div className="wf-duration num" title="times the route looped back">
        ↻ ×{row.marks.length}
      </div>
    </div>
  );
});
