import type { StepKind, StepNode, WorkflowGraph } from '@baton/sdk';
import type { TraceEvent, TraceEventType } from '../events/trace-event.js';
import type { ErrorInfo, StepSnapshot, StepStatus } from './run-snapshot.js';
import type { CoordinatorAction } from './coordinator-action.js';
import type { CoordinatorEvent } from './coordinator-event.js';
import { startRun, transition, type StartRunOptions, type Transition } from './coordinator.js';
import type { RunState } from './run-state.js';

/** Distributes `Omit` over a union, so each event kind keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A coordinator event without its timestamp: the driver's clock supplies it. */
export type EventInput = DistributiveOmit<CoordinatorEvent, 'at'>;

/** The clock a run starts at; every event the driver feeds advances it by one millisecond. */
export const T0 = 1_700_000_000_000;

/** A plain error, as a transport would report a step's failure. */
export const boom = (message = 'boom'): ErrorInfo => ({ name: 'Error', message });

/**
 * Feeds events to the coordinator and keeps everything it produced, so a test reads like the story of a run.
 * `actions` / `events` accumulate across the whole run; `last` is the latest transition alone.
 */
export class RunDriver {
  readonly state: RunState;
  readonly actions: CoordinatorAction[] = [];
  readonly events: TraceEvent[] = [];
  last: Transition;
  clock = T0;

  constructor(
    readonly graph: WorkflowGraph,
    options: Partial<StartRunOptions> = {},
  ) {
    this.last = startRun(graph, { runId: 'run-1', input: { hello: 'world' }, at: this.clock, ...options });
    this.state = this.last.state;
    this.record(this.last);
  }

  /**
   * Feeds one event (stamped with the next clock tick) and returns its transition. A step event without
   * `iteration` is sent for the step's current loop pass, as a transport would.
   */
  send(event: EventInput): Transition {
    this.clock += 1;
    const pass = 'step' in event && !('iteration' in event) ? this.state.steps[event.step]?.iteration : undefined;
    const stamped = { ...event, at: this.clock, ...(pass !== undefined && pass > 1 && { iteration: pass }) };
    this.last = transition(this.graph, this.state, stamped);
    this.record(this.last);
    return this.last;
  }

  private record(t: Transition): void {
    if (t.state !== this.state) throw new Error('the coordinator must return the state it was given');
    this.actions.push(...t.actions);
    this.events.push(...t.events);
  }

  started(step: string, attempt = 1, index?: number): Transition {
    return this.send({ type: 'step.started', step, attempt, ...(index !== undefined && { index }) });
  }

  /** `step.started` then `step.succeeded` for one attempt. */
  succeed(step: string, output: unknown = `${step}-out`, index?: number): Transition {
    this.started(step, 1, index);
    return this.send({ type: 'step.succeeded', step, attempt: 1, output, ...(index !== undefined && { index }) });
  }

  /** `step.started` then `step.failed`. */
  fail(step: string, error: ErrorInfo = boom(), index?: number): Transition {
    this.started(step, 1, index);
    return this.send({ type: 'step.failed', step, attempt: 1, error, ...(index !== undefined && { index }) });
  }

  /** `step.started` then `step.recovered` (the fallback's value after a failed attempt). */
  recover(step: string, output: unknown, error: ErrorInfo = boom(), index?: number): Transition {
    this.started(step, 1, index);
    return this.send({
      type: 'step.recovered',
      step,
      attempt: 1,
      output,
      error,
      ...(index !== undefined && { index }),
    });
  }

  expanded(step: string, count: number): Transition {
    return this.send({ type: 'step.expanded', step, count });
  }

  /** Every step's status, by name. */
  statuses(): Record<string, StepStatus> {
    return Object.fromEntries(Object.values(this.state.steps).map((s) => [s.name, s.status]));
  }

  /** Every skipped step's skip reason, by name. */
  skipReasons(): Record<string, string | undefined> {
    return Object.fromEntries(
      Object.values(this.state.steps)
        .filter((s) => s.status === 'skipped')
        .map((s) => [s.name, s.skipReason]),
    );
  }

  /** The types of every trace event so far, optionally only those about `step`. */
  eventTypes(step?: string): TraceEventType[] {
    return this.events.filter((e) => step === undefined || e.step === step).map((e) => e.type);
  }

  /** `step[#index]` of every `run-step` action so far, in order. */
  ranSteps(): string[] {
    return this.actions.flatMap((a) =>
      a.type === 'run-step' ? [a.index === undefined ? a.step : `${a.step}#${a.index}`] : [],
    );
  }

  finishes(): Extract<CoordinatorAction, { type: 'finish' }>[] {
    return this.actions.filter((a): a is Extract<CoordinatorAction, { type: 'finish' }> => a.type === 'finish');
  }

  aborts(): Extract<CoordinatorAction, { type: 'abort-step' }>[] {
    return this.actions.filter((a): a is Extract<CoordinatorAction, { type: 'abort-step' }> => a.type === 'abort-step');
  }

  /** A deep copy of the state, to compare against after an event that must change nothing. */
  snapshot(): RunState {
    return structuredClone(this.state);
  }
}

/** A hand-built step node with a single-attempt retry policy. */
export function node(
  name: string,
  dependsOn: string[] = [],
  extra: Partial<StepNode> & { kind?: StepKind } = {},
): StepNode {
  return {
    name,
    kind: 'step',
    dependsOn,
    retry: { attempts: 1, backoff: 'exponential', delay: 1000, jitter: 0 },
    fallback: false,
    ...extra,
  };
}

/** A hand-built graph. */
export function graphOf(steps: StepNode[], extra: Partial<WorkflowGraph> = {}): WorkflowGraph {
  return { name: 'hand-built', version: 'v1', steps, ...extra };
}

/** A succeeded step snapshot, as a rerun keeps it. */
export function succeededSnapshot(name: string, output: unknown): StepSnapshot {
  return { name, status: 'succeeded', attempts: 1, startedAt: T0 - 10, endedAt: T0 - 5, output };
}
