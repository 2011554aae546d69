import { memo } from 'react';
import type { WaterfallRow } from '../lib/waterfall-rows.js';
import { formatDuration } from '../lib/format.js';
import { attemptTestId, attemptTitle, barLabel, laneNote, laneState } from '../lib/lane-text.js';

interface Props {
  row: WaterfallRow;
  t0: number;
  span: number;
  now: number;
  selected: boolean;
  onSelect: (step: string) => void;
}

const pct = (value: number): string => `${Math.max(0, Math.min(100, value * 100)).toFixed(3)}%`;

/** Beside the lane's end: to its right, or to its left near the track's right edge. */
function markerAt(fraction: number): { left?: string; right?: string } {
  return fraction < 0.8 ? { left: `calc(${pct(fraction)} + 4px)` } : { right: `calc(${pct(1 - fraction)} + 4px)` };
}

/** One lane: a bar per attempt, the waits between retries, and a fallback marker when recovered. */
export const WaterfallLane = memo(function WaterfallLane({ row, t0, span, now, selected, onSelect }: Props) {
  const { step, index, iteration, attempts } = row;
  const suffix = `${index !== undefined ? `-${index}` : ''}${iteration !== undefined ? `-pass${iteration}` : ''}`;
  const last = attempts.at(-1);
  const recovered = index === undefined ? row.current && step.state === 'recovered' : last?.recovered === true;
  const laneEnd = last ? (last.endedAt ?? now) : step.endedAt;
  const state = laneState(row);
  const note = laneNote(row);
  return (
    <div
      className={`wf-row state-${state}${selected ? ' is-selected' : ''}`}
      data-testid={`lane-${step.name}${suffix}`}
      data-status={state}
      onClick={() => onSelect(step.name)}
    >
      <div className="wf-label" title={step.name}>
        <span className={`state-dot`} />
        <span className="mono">{step.name}</span>
        {index !== undefined && <span className="muted mono">[{index}]</span>}
        {iteration !== undefined && <span className="pass-chip">pass {iteration}</span>}
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
                data-testid={attemptTestId(a)}
                data-outcome={a.outcome}
                {...(a.iteration !== undefined && { 'data-iteration': a.iteration })}
                title={attemptTitle(a, end)}
                onClick={(e) => {
                  e.stopPropagation();
                  onSelect(step.name);
                }}
              >
                {(end - a.startedAt) / span > 0.03 && <span className="wf-bar-label">{barLabel(a)}</span>}
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
        {last?.outcome === 'superseded' && (
          <span
            className="wf-superseded"
            style={markerAt(((laneEnd ?? t0) - t0) / span)}
            title="aborted: the run went on without it"
          >
            superseded
          </span>
        )}
        {note && <span className="wf-note">{note}</span>}
      </div>
      <div className="wf-duration num">{last ? formatDuration((last.endedAt ?? now) - attempts[0].startedAt) : ''}</div>
    </div>
  );
});
