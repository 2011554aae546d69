import type { ErrorInfo, TraceEvent } from '@baton/runtime';
import { eventError, field, stringField } from './event-data.js';
import type { StepState } from './states.js';

/** What the trace alone says about one step. */
export interface StepTrace {
  /** Absent until an event changes the step's status. */
  state?: StepState;
  /** `step.started` events seen (every attempt of every item). */
  attempts: number;
  startedAt?: number;
  endedAt?: number;
  output: { present: boolean; value: unknown };
  error?: ErrorInfo;
  skipReason?: string;
  /** Distinct item indexes scheduled, for a forEach step. */
  items?: number;
}

const TERMINAL = new Set<StepState>(['succeeded', 'recovered', 'failed', 'skipped']);

/**
 * Folds the trace into one {@link StepTrace} per step. A step is `running` from `step.scheduled`, and
 * `retrying` while the latest attempt event of the step (or of one of its items) is `step.retrying`;
 * `succeeded` / `recovered` / `skipped` come from the step-level event (items end with their own
 * events, which do not end the step); any `step.failed` fails the step.
 */
export function deriveStepTraces(events: readonly TraceEvent[]): Map<string, StepTrace> {
  const traces = new Map<string, StepTrace>();
  const retrying = new Map<string, Set<number | undefined>>();
  const indexes = new Map<string, Set<number>>();
  for (const event of events) {
    const name = event.step;
    if (name === undefined || event.type === 'step.log') continue;
    let trace = traces.get(name);
    if (!trace) traces.set(name, (trace = { attempts: 0, output: { present: false, value: undefined } }));
    let waiting = retrying.get(name);
    if (!waiting) retrying.set(name, (waiting = new Set()));
    const done = trace.state !== undefined && TERMINAL.has(trace.state);
    switch (event.type) {
      case 'step.scheduled':
        if (event.index !== undefined) {
          let seen = indexes.get(name);
          if (!seen) indexes.set(name, (seen = new Set()));
          seen.add(event.index);
          trace.items = seen.size;
        }
        if (!done) trace.state = 'running';
        break;
      case 'step.started':
        trace.attempts += 1;
        trace.startedAt ??= event.ts;
        waiting.delete(event.index);
        if (!done) trace.state = 'running';
        break;
      case 'step.retrying': {
        waiting.add(event.index);
        const error = eventError(event);
        if (error) trace.error = error;
        break;
      }
      case 'step.succeeded':
      case 'step.recovered':
        waiting.delete(event.index);
        if (event.type === 'step.recovered') trace.error = eventError(event) ?? trace.error;
        if (event.index === undefined) {
          trace.state = event.type === 'step.succeeded' ? 'succeeded' : 'recovered';
          trace.endedAt = event.ts;
          trace.output = field(event, 'output');
          waiting.clear();
        }
        break;
      case 'step.failed':
        trace.state = 'failed';
        trace.endedAt = event.ts;
        trace.error = eventError(event) ?? trace.error;
        waiting.clear();
        break;
      case 'step.skipped': {
        trace.state = 'skipped';
        trace.endedAt = event.ts;
        const reason = stringField(event, 'reason');
        if (reason !== undefined) trace.skipReason = reason;
        break;
      }
      default:
        break;
    }
    if (trace.state === 'running' || trace.state === 'retrying')
      trace.state = waiting.size > 0 ? 'retrying' : 'running';
  }
  return traces;
}
