import type { WaitingFor } from '@baton/runtime';
import type { StepNode } from '@baton/sdk';
import { formatDuration } from './format.js';

/** Below this much time left, a wait shows a ticking countdown; above, the time it ends. */
const COUNTDOWN_BELOW_MS = 60 * 60_000;

/** A rough span for far-off times: `45 s`, `12 m`, `23 h`, `3 d`. */
export function roughDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} m`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}

/** `14:02`, with the date when it is not today (unless `withDate` is false). */
function clock(ts: number, now: number, withDate: boolean): string {
  const date = new Date(ts);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
  if (!withDate || date.toDateString() === new Date(now).toDateString()) return time;
  return `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${time}`;
}

/**
 * When a wait ends, as a countdown under an hour (`4.5 s left`, `12 m 05 s left`), else as a time
 * (`until 14:02, in 23 h`, with the date when not today unless `withDate` is false: the span tells the day
 * on a step box); `due now` once passed (the timer fires any moment).
 */
export function waitTime(until: number, now: number, withDate = true): string {
  const left = until - now;
  if (left <= 0) return 'due now';
  if (left < COUNTDOWN_BELOW_MS) return `${formatDuration(Math.ceil(left / 1000) * 1000)} left`;
  return `until ${clock(until, now, withDate)}, in ${roughDuration(left)}`;
}

/** What a waiting step waits for, in words: `signal approval`, or `delay`. */
export function waitSubject(waitingFor: WaitingFor | undefined, node: StepNode | undefined): string {
  const signal = waitingFor?.signal ?? (waitingFor?.delay ? undefined : node?.wait?.signal);
  if (signal !== undefined) return `signal ${signal}`;
  return 'delay';
}

/** What happens when a wait's `until` passes: a signal's timeout fails the step, a delay's end runs it. */
export function waitEnd(waitingFor: WaitingFor | undefined): string {
  return waitingFor?.signal !== undefined ? 'then it times out (SignalTimeoutError)' : 'then it runs';
}
