import type { TraceEvent } from '@baton/runtime';

/** Step events after which a step is no longer waiting (it runs, or it ended without running). */
const LEAVES_WAITING = new Set<TraceEvent['type']>([
  'step.scheduled',
  'step.started',
  'step.succeeded',
  'step.recovered',
  'step.failed',
  'step.skipped',
]);

/**
 * Applies one event to the set of a run's waiting steps: `step.waiting` adds its step; a step that is
 * scheduled or ends leaves it, and so does every step of a loop body starting a new pass. Returns whether
 * the set changed.
 */
export function waitingChange(waiting: Set<string>, event: TraceEvent): boolean {
  if (event.type === 'step.waiting' && event.step !== undefined) {
    if (waiting.has(event.step)) return false;
    waiting.add(event.step);
    return true;
  }
  if (LEAVES_WAITING.has(event.type) && event.step !== undefined) return waiting.delete(event.step);
  if (event.type === 'loop.iteration') {
    let changed = false;
    for (const step of event.data.body) changed = waiting.delete(step) || changed;
    return changed;
  }
  return false;
}
