import type { ErrorInfo, TraceEvent } from '@baton/runtime';
import { eventError, isTimeout, loopIteration } from './event-data.js';
import type { AttemptOutcome } from './states.js';
import { addUsage, usageAmounts, type UsageTotals } from './usage.js';

/** One attempt of a step (or of one forEach item, in one loop pass): a bar of the waterfall. */
export interface AttemptView {
  /** Unique within the run: `step`, item index, loop pass, attempt and the starting event. */
  key: string;
  step: string;
  index?: number;
  /** The loop pass it ran in (1-based), for a step in a loop body. */
  iteration?: number;
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
  /** The item failed, and the steps after it tolerate that (`join: 'allSettled'`): its siblings went on. */
  tolerated?: boolean;
  /** For a retried attempt: the wait before the next one. */
  delayMs?: number;
  /** What the attempt reported with `ctx.usage`. */
  usage?: UsageTotals;
}

/** One lane of attempts: a step, item and loop pass. */
export const laneOf = (step: string, index: number | undefined, iteration: number | undefined): string =>
  `${step}\u0000${index ?? ''}\u0000${iteration ?? ''}`;

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
 * `step.retrying` / `succeeded` / `recovered` / `failed` of the same step, item and loop pass. Attempts
 * still open when their step is superseded (`step.skipped`) or its loop starts a new pass
 * (`loop.iteration`) close as `superseded`; when the run ends (cancelled, failed elsewhere, stopped: a
 * `step.failed` with `data.aborted`, or the run's end event), as `aborted`; when a sibling item failed, as aborted
 * failures. Returned in start order.
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
        Object.assign(attempt, { endedAt: event.ts, outcome: 'aborted', aborted: true });
      open.clear();
      continue;
    }
    const loop = loopIteration(event);
    if (loop) {
      for (const name of loop.body) closeStep(name, event.ts, 'superseded');
      continue;
    }
    const step = event.step;
    if (step === undefined) continue;
    const lane = laneOf(step, event.index, event.iteration);
    switch (event.type) {
      case 'step.started': {
        const previous = open.get(lane);
        if (previous) Object.assign(previous, { endedAt: event.ts, outcome: 'failed', aborted: true });
        const attempt: AttemptView = {
          key: `${lane}:${event.attempt ?? all.length + 1}:${event.seq}`,
          step,
          ...(event.index !== undefined && { index: event.index }),
          ...(event.iteration !== undefined && { iteration: event.iteration }),
          attempt: event.attempt ?? 1,
          startedAt: event.ts,
          outcome: 'running',
        };
        all.push(attempt);
        open.set(lane, attempt);
        break;
      }
      case 'step.usage': {
        // Reported in the transition that ends the attempt, just before its end event.
        const attempt = open.get(lane);
        const amounts = usageAmounts(event.data.usage);
        if (attempt && amounts) attempt.usage = addUsage(attempt.usage ?? {}, amounts);
        break;
      }
      case 'step.skipped':
        closeStep(step, event.ts, event.data.reason === 'superseded' ? 'superseded' : 'failed');
        break;
      case 'step.retrying':
      case 'step.succeeded':
      case 'step.recovered':
      case 'step.failed':
        settle(event, open.get(lane));
        open.delete(lane);
        // A step-level end (no index) also ends its items' attempts; a failed item aborts its siblings
        // unless the steps after it tolerate the failure.
        if (event.type === 'step.failed' && event.data.tolerated !== true)
          closeStep(step, event.ts, event.data.aborted === true ? 'aborted' : 'failed');
        else if (event.index === undefined && event.type !== 'step.retrying')
          closeStep(step, event.ts, outcomeOf(event, eventError(event)));
        break;
      default:
        break;
    }
  }
  return all;
}

/** Closes an attempt with the outcome of the event that ended it. */
function settle(event: TraceEvent, attempt: AttemptView | undefined): void {
  if (!attempt) return;
  const error = eventError(event);
  attempt.endedAt = event.ts;
  attempt.outcome = outcomeOf(event, error);
  if (error) attempt.error = error;
  if (event.type === 'step.recovered') attempt.recovered = true;
  if (event.type === 'step.retrying') attempt.delayMs = event.data.delayMs;
  if (event.type === 'step.failed' && event.data.aborted === true)
    Object.assign(attempt, { outcome: 'aborted', aborted: true });
  if (event.type === 'step.failed' && event.data.tolerated === true) attempt.tolerated = true;
}
