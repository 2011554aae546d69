import type { ErrorInfo, TraceEvent } from '@baton/runtime';
import { eventError, isTimeout, numberField } from './event-data.js';
import type { AttemptOutcome } from './states.js';

/** One attempt of a step (or of one forEach item): a bar of the waterfall. */
export interface AttemptView {
  /** Unique within the run: `step`, item index and attempt. */
  key: string;
  step: string;
  index?: number;
  attempt: number;
  startedAt: number;
  /** Absent while the attempt runs. */
  endedAt?: number;
  outcome: AttemptOutcome;
  error?: ErrorInfo;
  /** Ended because the run (or a sibling item) failed, was cancelled or stopped, not by its own result. */
  aborted?: boolean;
  /** The attempt failed (its outcome says how) and the step's fallback then supplied the value. */
  recovered?: boolean;
  /** For a retried attempt: the wait before the next one. */
  delayMs?: number;
}

const laneOf = (step: string, index: number | undefined): string => `${step}\u0000${index ?? ''}`;

/** What the attempt itself did; a recovered step's last attempt still timed out or failed (the fallback is marked apart). */
function outcomeOf(event: TraceEvent, error: ErrorInfo | undefined): AttemptOutcome {
  switch (event.type) {
    case 'step.succeeded':
      return 'succeeded';
    case 'step.retrying':
      return isTimeout(error) ? 'timeout' : 'retrying';
    default:
      return isTimeout(error) ? 'timeout' : 'failed';
  }
}

/**
 * Derives every attempt from the trace: an attempt opens at `step.started` and closes at the next
 * `step.retrying` / `succeeded` / `recovered` / `failed` of the same step and item. When a step or the run
 * ends while attempts are still open (a sibling item failed, the run was cancelled or stopped), those are
 * closed as aborted. Returned in start order.
 */
export function deriveAttempts(events: readonly TraceEvent[]): AttemptView[] {
  const all: AttemptView[] = [];
  const open = new Map<string, AttemptView>();
  const closeStep = (step: string, ts: number, outcome: AttemptOutcome, error?: ErrorInfo): void => {
    for (const [lane, attempt] of open) {
      if (attempt.step !== step) continue;
      Object.assign(attempt, { endedAt: ts, outcome, aborted: true }, error && { error });
      open.delete(lane);
    }
  };
  for (const event of events) {
    if (event.type.startsWith('run.') && event.type !== 'run.started') {
      for (const attempt of open.values())
        Object.assign(attempt, { endedAt: event.ts, outcome: 'failed', aborted: true });
      open.clear();
      continue;
    }
    const step = event.step;
    if (step === undefined) continue;
    const lane = laneOf(step, event.index);
    switch (event.type) {
      case 'step.started': {
        const previous = open.get(lane);
        if (previous) Object.assign(previous, { endedAt: event.ts, outcome: 'failed', aborted: true });
        const attempt: AttemptView = {
          key: `${step}:${event.index ?? ''}:${event.attempt ?? all.length + 1}:${event.seq}`,
          step,
          ...(event.index !== undefined && { index: event.index }),
          attempt: event.attempt ?? 1,
          startedAt: event.ts,
          outcome: 'running',
        };
        all.push(attempt);
        open.set(lane, attempt);
        break;
      }
      case 'step.retrying':
      case 'step.succeeded':
      case 'step.recovered':
      case 'step.failed': {
        const error = eventError(event);
        const attempt = open.get(lane);
        if (attempt) {
          open.delete(lane);
          attempt.endedAt = event.ts;
          attempt.outcome = outcomeOf(event, error);
          if (error) attempt.error = error;
          if (event.type === 'step.recovered') attempt.recovered = true;
          if (event.type === 'step.retrying') {
            const delayMs = numberField(event, 'delayMs');
            if (delayMs !== undefined) attempt.delayMs = delayMs;
          }
          if (event.type === 'step.failed' && (event.data as { aborted?: unknown } | undefined)?.aborted === true)
            attempt.aborted = true;
        }
        // A step-level end (no index) also ends its items' attempts; a failed item aborts its siblings.
        if (event.type === 'step.failed') closeStep(step, event.ts, 'failed');
        else if (event.index === undefined && event.type !== 'step.retrying')
          closeStep(step, event.ts, outcomeOf(event, error));
        break;
      }
      default:
        break;
    }
  }
  return all;
}
