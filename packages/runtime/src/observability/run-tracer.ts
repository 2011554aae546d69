import { context, type Context, type Link, type Span, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { SerializedError } from '@baton/sdk';
import type { Subscription } from 'rxjs';
import type { EventBus } from '../events/event-bus.js';
import { eventError, isRunEnd, type TraceEvent } from '../events/trace-event.js';
import { INSTRUMENTATION_SCOPE } from './instrumentation-scope.js';
import { RunMetrics } from './run-metrics.js';
import { attemptKey, endsAttempt } from './step-attempt.js';
import { formatTraceparent, parseTraceparent } from './traceparent.js';

/** Open step spans kept per process at most; the oldest is ended beyond this (its outcome was lost). */
const MAX_OPEN_STEPS = 10_000;
/** Open run spans kept per process at most. */
const MAX_OPEN_RUNS = 10_000;

/** What the tracer needs to know of a run besides its events (a `RunState` fits). */
export interface TracedRun {
  runId: string;
  workflow: string;
  parentRunId?: string;
  /** Set here when a recording run span starts; read back by workers of other processes. */
  traceparent?: string;
  steps?: Record<string, { startedAt?: number } | undefined>;
}

/**
 * Turns a run's trace events into OpenTelemetry spans through `@opentelemetry/api` alone: `baton.run <workflow>`
 * per run and `baton.step <step>` per step attempt, a child of the run's span (in this process, or remote
 * through the run's `traceparent`). Until an application registers an SDK, every span is a non-recording
 * no-op and nothing is kept. Also feeds {@link RunMetrics}. Never throws: tracing must not break a run.
 */
export class RunTracer {
  private readonly runs = new Map<string, Span>();
  private readonly steps = new Map<string, Span>();
  /** The `traceparent` of runs seen lately, for their child runs started in this process. */
  private readonly traceparents = new Map<string, string>();
  private following?: Subscription;
  /** Runs and step attempts counted and measured from the same events. */
  private readonly metrics = new RunMetrics();

  /**
   * @param ends - where this process hears of runs ending elsewhere (`bull`: a worker may commit the end of
   * a run whose span this process started); followed only once a recording run span is open.
   */
  constructor(private readonly ends?: EventBus) {}

  private get tracer(): Tracer {
    return trace.getTracer(INSTRUMENTATION_SCOPE);
  }

  /**
   * Records what `events` (just committed, in order) say about `run`'s spans. `parentTraceparent` is the
   * parent run's, for a child run whose parent's span this process does not hold.
   */
  record(run: TracedRun, events: readonly TraceEvent[], parentTraceparent?: string): void {
    this.metrics.record(run.workflow, events);
    try {
      if (run.traceparent !== undefined) this.remember(run.runId, run.traceparent);
      const parent =
        parentTraceparent ?? (run.parentRunId === undefined ? undefined : this.traceparents.get(run.parentRunId));
      for (const event of events) this.recordOne(run, event, parent);
    } catch {
      // Tracing is best effort.
    }
  }

  /** Ends the run span of a run whose start was not recorded after all (an idempotent start that found a run). */
  discard(runId: string): void {
    const span = this.runs.get(runId);
    if (!span) return;
    this.runs.delete(runId);
    try {
      span.setAttribute('baton.deduplicated', true);
      span.end();
    } catch {
      // Tracing is best effort.
    }
  }

  private recordOne(run: TracedRun, event: TraceEvent, parentTraceparent: string | undefined): void {
    if (event.type === 'run.started') this.startRun(run, event, parentTraceparent);
    else if (event.type === 'step.started' && event.step !== undefined) this.startStep(run, event);
    else if (endsAttempt(event.type) && event.step !== undefined) this.endStep(run, event);
    else if (isRunEnd(event.type)) this.endRun(event);
  }

  private startRun(run: TracedRun, event: TraceEvent, parentTraceparent: string | undefined): void {
    if (this.runs.has(run.runId)) return;
    const local = run.parentRunId === undefined ? undefined : this.runs.get(run.parentRunId);
    const parent = local?.spanContext() ?? parseTraceparent(parentTraceparent);
    const links: Link[] = parent ? [{ context: parent }] : [];
    const span = this.tracer.startSpan(
      `baton.run ${run.workflow}`,
      {
        startTime: event.ts,
        links,
        attributes: {
          'baton.workflow': run.workflow,
          'baton.run_id': run.runId,
          ...(run.parentRunId !== undefined && { 'baton.parent_run_id': run.parentRunId }),
        },
      },
      // A child run nests under its parent's run span when this process holds it (it is linked to it anyway).
      parent ? trace.setSpanContext(context.active(), parent) : context.active(),
    );
    if (!span.isRecording()) return;
    if (this.runs.size >= MAX_OPEN_RUNS) this.evict(this.runs);
    this.runs.set(run.runId, span);
    this.follow();
    run.traceparent = formatTraceparent(span.spanContext());
    this.remember(run.runId, run.traceparent);
  }

  private parentOf(run: TracedRun): Context | undefined {
    const local = this.runs.get(run.runId);
    if (local) return trace.setSpan(context.active(), local);
    const remote = parseTraceparent(run.traceparent);
    return remote && trace.setSpanContext(context.active(), remote);
  }

  private startStep(run: TracedRun, event: TraceEvent, startTime = event.ts): Span | undefined {
    const parent = this.parentOf(run);
    if (!parent) return undefined; // the run has no recording span: no step spans either
    const span = this.tracer.startSpan(
      `baton.step ${event.step}`,
      {
        startTime,
        attributes: {
          'baton.workflow': run.workflow,
          'baton.run_id': run.runId,
          'baton.step': event.step,
          'baton.attempt': event.attempt ?? 1,
          ...(event.iteration !== undefined && { 'baton.iteration': event.iteration }),
          ...(event.index !== undefined && { 'baton.index': event.index }),
        },
      },
      parent,
    );
    if (!span.isRecording()) return undefined;
    if (this.steps.size >= MAX_OPEN_STEPS) this.evict(this.steps);
    this.steps.set(attemptKey(event), span);
    return span;
  }

  private endStep(run: TracedRun, event: TraceEvent): void {
    const key = attemptKey(event);
    // Started in another process (or before this one came up): open it from the step's recorded start.
    const span = this.steps.get(key) ?? this.startStep(run, event, run.steps?.[event.step!]?.startedAt ?? event.ts);
    if (!span) return;
    this.steps.delete(key);
    const status = event.type.slice('step.'.length);
    span.setAttribute('baton.status', status);
    const error = eventError(event);
    if (error) span.recordException(toException(error), event.ts);
    if (event.type === 'step.failed' || event.type === 'step.retrying')
      span.setStatus({ code: SpanStatusCode.ERROR, ...(error && { message: error.message }) });
    span.end(event.ts);
  }

  /** Ends the run's span and the step spans this process still holds open (aborted by the end). */
  private endRun(event: TraceEvent): void {
    this.traceparents.delete(event.runId);
    const prefix = `${event.runId}|`;
    for (const [key, span] of this.steps) {
      if (!key.startsWith(prefix)) continue;
      this.steps.delete(key);
      span.setAttribute('baton.status', 'aborted');
      span.end(event.ts);
    }
    this.endRunSpan(event);
  }

  /**
   * Ends the run's span. Alone when the end is heard from another process: Redis may deliver that before
   * this process has recorded its own commit of the same steps, whose spans that commit ends.
   */
  private endRunSpan(event: TraceEvent): void {
    const span = this.runs.get(event.runId);
    if (!span) return;
    this.runs.delete(event.runId);
    span.setAttribute('baton.status', event.type.slice('run.'.length));
    const error = eventError(event);
    if (error) span.recordException(toException(error), event.ts);
    if (event.type === 'run.failed')
      span.setStatus({ code: SpanStatusCode.ERROR, ...(error && { message: error.message }) });
    span.end(event.ts);
  }

  private follow(): void {
    if (!this.ends || this.following) return;
    this.following = this.ends.events().subscribe((event) => {
      try {
        if (isRunEnd(event.type) && this.runs.has(event.runId)) this.endRunSpan(event);
      } catch {
        // Tracing is best effort.
      }
    });
  }

  /** Stops following run ends (on shutdown). */
  close(): void {
    this.following?.unsubscribe();
  }

  private remember(runId: string, traceparent: string): void {
    if (this.traceparents.size >= MAX_OPEN_RUNS && !this.traceparents.has(runId))
      this.traceparents.delete(this.traceparents.keys().next().value!);
    this.traceparents.set(runId, traceparent);
  }

  private evict(spans: Map<string, Span>): void {
    const [key, span] = spans.entries().next().value!;
    spans.delete(key);
    span.setAttribute('baton.status', 'unknown');
    span.end();
  }
}

/** One attempt of one step (item, pass) of one run. */
function toException(error: SerializedError): { name: string; message: string; stack?: string; code?: string } {
  return {
    name: error.name,
    message: error.message,
    ...(error.stack !== undefined && { stack: error.stack }),
    ...(error.code !== undefined && { code: error.code }),
  };
}
