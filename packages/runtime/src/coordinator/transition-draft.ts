import type { WorkflowGraph } from '@baton/sdk';
import type { TraceEvent, TraceEventOf, TraceEventType } from '../events/trace-event.js';
import type { CoordinatorAction } from './coordinator-action.js';
import { indexGraph, type GraphIndex } from './graph-index.js';
import type { RunState, StepState } from './run-state.js';

/** The result of feeding one event to the coordinator. */
export interface Transition {
  /** The run's new state (the same object that was passed in, updated). */
  state: RunState;
  /** What the transport must do, in order. */
  actions: CoordinatorAction[];
  /** The trace events this transition produced, with consecutive `seq`. */
  events: TraceEvent[];
  /** Steps whose state changed without an event naming them (a loop's body, reset for a new pass). */
  touched?: string[];
}

/** The fields of a trace event the coordinator chooses (the rest are stamped by {@link TransitionDraft.emit}). */
export type EventFields<T extends TraceEventType> = Omit<TraceEventOf<T>, 'seq' | 'runId' | 'ts' | 'type'>;

/** Keeps `state.waiting`, the number of waiting steps (for `listRuns({ status: 'waiting' })`), up to date. */
function countWaiting(state: RunState): void {
  let waiting = 0;
  for (const step of Object.values(state.steps)) if (step.status === 'waiting') waiting += 1;
  if (waiting > 0) state.waiting = waiting;
  else delete state.waiting;
}

/** One transition in progress: the graph, the state being updated, and what it has produced so far. */
export class TransitionDraft {
  readonly index: GraphIndex;
  readonly actions: CoordinatorAction[] = [];
  readonly events: TraceEvent[] = [];
  readonly touched = new Set<string>();

  constructor(
    readonly graph: WorkflowGraph,
    readonly state: RunState,
    readonly at: number,
  ) {
    this.index = indexGraph(graph);
  }

  /** Appends a trace event; a step event carries the step's loop pass when the step is in a loop. */
  emit<T extends TraceEventType>(type: T, fields: EventFields<T>): void {
    const iteration = fields.step === undefined ? undefined : this.state.steps[fields.step]?.iteration;
    // The spread of a generic kind's fields is that kind's event; TypeScript cannot follow it through T.
    this.events.push(<TraceEvent>{
      seq: ++this.state.seq,
      runId: this.state.runId,
      ts: this.at,
      type,
      ...fields,
      ...(iteration !== undefined && fields.iteration === undefined && { iteration }),
    });
  }

  /** Ends a pending step as skipped, with why. */
  skip(step: StepState, reason: string): void {
    step.status = 'skipped';
    step.skipReason = reason;
    step.endedAt = this.at;
    this.emit('step.skipped', { step: step.name, data: { reason } });
  }

  /** The loop pass to tag a step's actions with (absent outside loops and in a first pass). */
  passOf(step: StepState): { iteration?: number } {
    return step.iteration !== undefined && step.iteration > 1 ? { iteration: step.iteration } : {};
  }

  result(): Transition {
    if (this.index.waits) countWaiting(this.state);
    return {
      state: this.state,
      actions: this.actions,
      events: this.events,
      ...(this.touched.size > 0 && { touched: [...this.touched] }),
    };
  }
}
