import type { ErrorInfo, TraceEvent, WaitingFor } from '@baton/runtime';
import type { LoopNode } from '@baton/sdk';
import { eventError, loopIteration } from './event-data.js';
import { passAfterNewIteration } from './loops.js';
import type { StepState } from './states.js';
import { addUsage, usageAmounts, type UsageTotals } from './usage.js';

/** What the trace alone says about one step. */
export interface StepTrace {
  /** Absent until an event changes the step's status. */
  state?: StepState;
  /** `step.started` events seen in the current loop pass (every attempt of every item). */
  attempts: number;
  startedAt?: number;
  endedAt?: number;
  output: { present: boolean; value: unknown };
  error?: ErrorInfo;
  skipReason?: string;
  /** Distinct item indexes scheduled, for a forEach step. */
  items?: number;
  /** The loop pass the step is in (from its events and `loop.iteration`); absent outside loops. */
  iteration?: number;
  /** What the step reported with `ctx.usage`, summed over its attempts, items and passes. */
  usage?: UsageTotals;
  /** While `waiting`: what for (`step.waiting`). */
  waitingFor?: WaitingFor;
}

const TERMINAL = new Set<StepState>(['succeeded', 'recovered', 'failed', 'skipped']);

/**
 * Folds the trace into one {@link StepTrace} per step. A step is `waiting` from `step.waiting` (with what it
 * waits for) until it is scheduled or ends. A step is `running` from `step.scheduled`, and
 * `retrying` while the latest attempt event of the step (or of one of its items) is `step.retrying`;
 * `succeeded` / `recovered` / `skipped` come from the step-level event (items end with their own
 * events, which do not end the step); any `step.failed` fails the step, except an item's failure that the
 * steps after it tolerate (`data.tolerated`). A `loop.iteration` returns every step of the loop's body to
 * `pending` in its new pass (the pass of each body step, with `loops` telling nested loops apart).
 */
export function deriveStepTraces(events: readonly TraceEvent[], loops?: readonly LoopNode[]): Map<string, StepTrace> {
  const traces = new Map<string, StepTrace>();
  const retrying = new Map<string, Set<number | undefined>>();
  const indexes = new Map<string, Set<number>>();
  for (const event of events) {
    const loop = loopIteration(event);
    if (loop) {
      for (const step of loop.body) {
        const usage = traces.get(step)?.usage;
        const iteration = passAfterNewIteration(loops, loop, step, loop.iteration);
        const output = { present: false, value: undefined };
        traces.set(step, { state: 'pending', attempts: 0, output, iteration, ...(usage && { usage }) });
        retrying.delete(step);
        indexes.delete(step);
      }
      continue;
    }
    const name = event.step;
    if (name === undefined || event.type === 'step.log') continue;
    let trace = traces.get(name);
    if (!trace) traces.set(name, (trace = { attempts: 0, output: { present: false, value: undefined } }));
    let waiting = retrying.get(name);
    if (!waiting) retrying.set(name, (waiting = new Set()));
    const done = trace.state !== undefined && TERMINAL.has(trace.state);
    if (event.iteration !== undefined) trace.iteration = event.iteration;
    switch (event.type) {
      case 'step.waiting':
        if (!done) {
          trace.state = 'waiting';
          trace.waitingFor = { ...event.data };
        }
        break;
      case 'step.usage': {
        const amounts = usageAmounts(event.data.usage);
        if (amounts) trace.usage = addUsage(trace.usage ?? {}, amounts);
        break;
      }
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
          trace.output = { present: true, value: event.data.output };
          waiting.clear();
        }
        break;
      case 'step.failed':
        if (event.index !== undefined && event.data.tolerated === true) {
          // The other items go on; the step-level `step.failed` comes once they have all ended.
          waiting.delete(event.index);
          trace.error = eventError(event) ?? trace.error;
          break;
        }
        trace.state = 'failed';
        trace.endedAt = event.ts;
        trace.error = eventError(event) ?? trace.error;
        waiting.clear();
        break;
      case 'step.skipped': {
        trace.state = 'skipped';
        trace.endedAt = event.ts;
        trace.skipReason = event.data.reason;
        break;
      }
      default:
        break;
    }
    if (trace.state === 'running' || trace.state === 'retrying')
      trace.state = waiting.size > 0 ? 'retrying' : 'running';
    if (trace.state !== 'waiting') delete trace.waitingFor;
  }
  return traces;
}
