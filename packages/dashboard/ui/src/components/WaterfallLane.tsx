import { memo } from 'react';
import type { AttemptView } from '../lib/run-model.js';
import type { AttemptOutcome, StepState } from '../lib/states.js';
import type { WaterfallRow } from '../lib/waterfall-rows.js';
import { formatDuration } from '../lib/format.js';

interface Props {
  row: WaterfallRow;
  t0: number;
  span: number;
  now: number;
  selected: boolean;
  onSelect: (step: string) => void;
}

const LANE_STATE: Record<AttemptOutcome, StepState> = {
  running: 'running',
  succeeded: 'succeeded',
  retrying: 'retrying',
  timeout: 'failed',
  recovered: 'recovered',
  failed: 'failed',
};

const pct = (value: number): string => `${Math.max(0, Math.min(100, value * 100)).toFixed(3)}%`;

/** Beside the lane's end: to its right, or to its left near the track's right edge. */
function markerAt(fraction: number): { left?: string; right?: string } {
  return fraction < 0.8 ? { left: `calc(${pct(fraction)} + 4px)` } : { right: `calc(${pct(1 - fraction)} + 4px)` };
}

function attemptTitle(a: AttemptView, end: number): string {
  const lines = [
    `${a.step}${a.index !== undefined ? `[${a.index}]` : ''} · attempt ${a.attempt}: ${a.outcome}${a.aborted ? ' (aborted)' : ''}`,
    formatDuration(end - a.startedAt),
  ];
  if (a.error) lines.push(`${a.error.name}: ${a.error.message}`);
  if (a.delayMs !== undefined) lines.push(`next attempt in ${formatDuration(a.delayMs)}`);
  return lines.join('\n');
}

/** One lane: a bar per attempt, the waits between retries, and a fallback marker when recovered. */
export const WaterfallLane = memo(function WaterfallLane({ row, t0, span, now, selected, onSelect }: Props) {
  const { step, index, attempts } = row;
  const suffix = index !== undefined ? `-${index}` : '';
  const last = attempts.at(-1);
  const recovered = index === undefined ? step.state === 'recovered' : last?.recovered === true;
  const laneEnd = last ? (last.endedAt ?? now) : step.endedAt;
  // An item's lane shows the item's own state (its last attempt), not the whole step's.
  const state = index === undefined || !last ? step.state : last.recovered ? 'recovered' : LANE_STATE[last.outcome];
  const note =
    attempts.length > 0
      ? undefined
      : step.reused
        ? `kept from the original run (${step.state})`
        : step.state === 'skipped'
          ? `skipped${step.skipReason ? ` · ${step.skipReason}` : ''}`
          : step.state;
  return (
    <div className={`wf-row state-${state}${selected ? ' is-selected' : ''}`} onClick={() => onSelect(step.name)}>
      <div className="wf-label" title={step.name}>
        <span className={`state-dot`} />
        <span className="mono">{step.name}</span>
        {index !== undefined && <span className="muted mono">[{index}]</span>}
      </div>
      <div className="wf-track">
        {attempts.map((a, i) => {
          const end = a.endedAt ?? now;
          const next = attempts[i + 1];
          return (
            <span key={a.key}>
              <button
                type="button"
                className={`wf-bar outcome-${a.outcome}${a.aborted ? ' is-aborted' : ''}`}
                style={{ left: pct((a.startedAt - t0) / span), width: `max(3px, ${pct((end - a.startedAt) / span)})` }}
                data-testid={`attempt-${a.step}-${a.attempt}${a.index !== undefined ? `-${a.index}` : ''}`}
                data-outcome={a.outcome}
                title={attemptTitle(a, end)}
                onClick={(e) => {
                  e.stopPropagation();
                  onSelect(step.name);
                }}
              >
                {(end - a.startedAt) / span > 0.03 && <span className="wf-bar-label">#{a.attempt}</span>}
              </button>
              {next && a.endedAt !== undefined && next.startedAt > a.endedAt && (
                <span
                  className="wf-wait"
                  style={{ left: pct((a.endedAt - t0) / span), width: pct((next.startedAt - a.endedAt) / span) }}
                  title="waiting to retry"
                />
              )}
            </span>
          );
        })}
        {recovered && (
          <span
            className="wf-fallback"
            data-testid={`fallback-${step.name}${suffix}`}
            style={markerAt(((laneEnd ?? t0) - t0) / span)}
            title="the fallback supplied the output"
          >
            ◆ fallback
          </span>
        )}
        {note && <span className="wf-note">{note}</span>}
      </div>
      <div className="wf-duration num">{last ? formatDuration((last.endedAt ?? now) - attempts[0].startedAt) : ''}</div>
    </div>
  );
});
