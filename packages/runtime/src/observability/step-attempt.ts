import type { TraceEvent, TraceEventType } from '../events/trace-event.js';

const ATTEMPT_ENDS: ReadonlySet<TraceEventType> = new Set([
  'step.succeeded',
  'step.failed',
  'step.recovered',
  'step.retrying',
]);

/** Whether an event of this type ends a step attempt (its span, its duration). */
export function endsAttempt(type: TraceEventType): boolean {
  return ATTEMPT_ENDS.has(type);
}

/** One step attempt's key within a process: run, step, forEach item, loop pass and attempt. */
export function attemptKey(event: TraceEvent): string {
  return `${event.runId}|${event.step}|${event.index ?? ''}|${event.iteration ?? ''}|${event.attempt ?? 1}`;
}
