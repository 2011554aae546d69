import type { AttemptView } from './run-attempts.js';
import type { AttemptOutcome, StepState } from './states.js';
import { formatDuration } from './format.js';
import { describeUsage } from './usage.js';
import { waitSubject } from './wait-text.js';
import type { WaterfallRow } from './waterfall-rows.js';

const LANE_STATE: Record<AttemptOutcome, StepState> = {
  running: 'running',
  succeeded: 'succeeded',
  retrying: 'retrying',
  timeout: 'failed',
  recovered: 'recovered',
  failed: 'failed',
  aborted: 'aborted',
  superseded: 'superseded',
};

/** The state a lane is drawn in: the step's own for its current lane, else its last attempt's (an item, an earlier pass). */
export function laneState(row: WaterfallRow): StepState {
  const last = row.attempts.at(-1);
  if ((row.current && row.index === undefined) || !last) return row.step.state;
  return last.recovered ? 'recovered' : LANE_STATE[last.outcome];
}

/** What a lane without attempts says: kept by a rerun, skipped and why, superseded, what it waits for, or its state. */
export function laneNote(row: WaterfallRow): string | undefined {
  const { step } = row;
  if (row.attempts.length > 0) return undefined;
  if (step.reused) return `kept from the original run (${step.state})`;
  if (step.state === 'skipped') return `skipped${step.skipReason ? ` · ${step.skipReason}` : ''}`;
  if (step.state === 'superseded') return "superseded: a join: 'any' went on without it";
  if (step.state === 'waiting') return `waiting for ${waitSubject(step.waitingFor, step.node)}`;
  return row.iteration !== undefined && row.iteration > 1 ? `pass ${row.iteration} · ${step.state}` : step.state;
}

/** The `data-testid` of an attempt's bar: `attempt-<step>-<attempt>[-<item>][-pass<n>]`. */
export function attemptTestId(a: AttemptView): string {
  const index = a.index !== undefined ? `-${a.index}` : '';
  return `attempt-${a.step}-${a.attempt}${index}${a.iteration !== undefined ? `-pass${a.iteration}` : ''}`;
}

/** The text on an attempt's bar: `#2`, or `pass 2` / `pass 2 · #2` in a loop. */
export function barLabel(a: AttemptView): string {
  if (a.iteration === undefined) return `#${a.attempt}`;
  return a.attempt > 1 ? `pass ${a.iteration} · #${a.attempt}` : `pass ${a.iteration}`;
}

/** An attempt's tooltip: what it was, how it ended, how long it took, its error, retry wait and usage. */
export function attemptTitle(a: AttemptView, end: number): string {
  const item = a.index !== undefined ? `[${a.index}]` : '';
  const pass = a.iteration !== undefined ? ` · pass ${a.iteration}` : '';
  const lines = [
    `${a.step}${item}${pass} · attempt ${a.attempt}: ${a.outcome}${a.aborted ? ' (aborted)' : ''}${a.tolerated ? ' (tolerated)' : ''}`,
    formatDuration(end - a.startedAt),
  ];
  if (a.error) lines.push(`${a.error.name}: ${a.error.message}`);
  if (a.delayMs !== undefined) lines.push(`next attempt in ${formatDuration(a.delayMs)}`);
  if (a.usage) lines.push(describeUsage(a.usage));
  return lines.join('\n');
}
