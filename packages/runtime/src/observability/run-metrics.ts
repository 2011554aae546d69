import { createNoopMeter, type Counter, type Histogram, type Meter, metrics } from '@opentelemetry/api';
import { isRunEnd, type TraceEvent } from '../events/trace-event.js';
import { INSTRUMENTATION_SCOPE } from './instrumentation-scope.js';
import { attemptKey, endsAttempt } from './step-attempt.js';

/** Step attempts whose start this process remembers at most (for their duration); the oldest is dropped. */
const MAX_STARTED = 10_000;

/** The instruments of one meter. */
interface Instruments {
  meter: Meter;
  runsStarted: Counter;
  runsEnded: Counter;
  stepDuration: Histogram;
}

/**
 * Counts runs started and ended (by status) and measures step attempts, from the trace events a process
 * commits, through `@opentelemetry/api` alone: until an application registers a meter provider, nothing is
 * kept. Never throws.
 */
export class RunMetrics {
  private instruments?: Instruments;
  /** When each open step attempt started, by run, step, item, pass and attempt. */
  private readonly started = new Map<string, number>();

  /** Records what `events` (just committed, in order) say about `workflow`'s run. */
  record(workflow: string, events: readonly TraceEvent[]): void {
    try {
      const instruments = this.current();
      if (!instruments) return;
      for (const event of events) this.recordOne(instruments, workflow, event);
    } catch {
      // Metrics are best effort.
    }
  }

  /** The instruments of the global meter provider's meter, or undefined while it is the no-op one. */
  private current(): Instruments | undefined {
    const meter = metrics.getMeter(INSTRUMENTATION_SCOPE);
    if (meter === createNoopMeter()) return undefined;
    if (this.instruments?.meter !== meter)
      this.instruments = {
        meter,
        runsStarted: meter.createCounter('baton.runs.started', { description: 'Runs started.' }),
        runsEnded: meter.createCounter('baton.runs.ended', { description: 'Runs ended, by status.' }),
        stepDuration: meter.createHistogram('baton.step.duration', {
          description: 'Duration of step attempts, by status.',
          unit: 'ms',
        }),
      };
    return this.instruments;
  }

  private recordOne(instruments: Instruments, workflow: string, event: TraceEvent): void {
    if (event.type === 'run.started') instruments.runsStarted.add(1, { 'baton.workflow': workflow });
    else if (isRunEnd(event.type))
      instruments.runsEnded.add(1, { 'baton.workflow': workflow, 'baton.status': event.type.slice('run.'.length) });
    else if (event.type === 'step.started') {
      if (this.started.size >= MAX_STARTED) this.started.delete(this.started.keys().next().value!);
      this.started.set(attemptKey(event), event.ts);
    } else if (endsAttempt(event.type) && event.step !== undefined) {
      const key = attemptKey(event);
      const start = this.started.get(key);
      if (start === undefined) return; // started before this process came up, or in another one
      this.started.delete(key);
      instruments.stepDuration.record(Math.max(0, event.ts - start), {
        'baton.workflow': workflow,
        'baton.step': event.step,
        'baton.status': event.type.slice('step.'.length),
      });
    }
  }
}
