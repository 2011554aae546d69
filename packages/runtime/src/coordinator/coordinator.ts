import { RunCancelledError, serializeError, StepAbortedError, StepFailedError, type WorkflowGraph } from '@baton/sdk';
import type { TraceEvent, TraceEventType } from '../events/trace-event.js';
import type { ErrorInfo, RunStatus, StepSnapshot } from './run-snapshot.js';
import type { CoordinatorAction } from './coordinator-action.js';
import type { CoordinatorEvent } from './coordinator-event.js';
import { indexGraph, type GraphIndex } from './graph-index.js';
import { routeChoice } from './route-choice.js';
import type { RunState, StepState } from './run-state.js';
import { selectOutput } from './select-output.js';
import { isSuccess, isTerminal } from './step-status.js';

/** The result of feeding one event to the coordinator. */
export interface Transition {
  /** The run's new state (the same object that was passed in, updated). */
  state: RunState;
  /** What the transport must do, in order. */
  actions: CoordinatorAction[];
  /** The trace events this transition produced, with consecutive `seq`. */
  events: TraceEvent[];
}

/** How a run starts. */
export interface StartRunOptions {
  runId: string;
  input: unknown;
  /** Epoch ms. */
  at: number;
  parentRunId?: string;
  rerunOf?: string;
  /** Steps whose recorded state a rerun keeps (they are not run again). */
  reuse?: Record<string, StepSnapshot>;
}

/** One transition in progress: the graph, the state being updated, and what it has produced so far. */
class Step {
  readonly index: GraphIndex;
  readonly actions: CoordinatorAction[] = [];
  readonly events: TraceEvent[] = [];

  constructor(
    readonly graph: WorkflowGraph,
    readonly state: RunState,
    readonly at: number,
  ) {
    this.index = indexGraph(graph);
  }

  emit(type: TraceEventType, fields: Omit<TraceEvent, 'seq' | 'runId' | 'ts' | 'type'> = {}): void {
    this.events.push({ seq: ++this.state.seq, runId: this.state.runId, ts: this.at, type, ...fields });
  }

  result(): Transition {
    return { state: this.state, actions: this.actions, events: this.events };
  }
}

/**
 * Starts a run: every step pending (or kept, for a rerun), `run.started` emitted, the roots scheduled.
 * Deterministic and free of I/O: the same arguments always give the same transition.
 */
export function startRun(graph: WorkflowGraph, options: StartRunOptions): Transition {
  const steps: Record<string, StepState> = {};
  for (const node of graph.steps) {
    const kept = options.reuse?.[node.name];
    steps[node.name] = kept ? { ...kept } : { name: node.name, status: 'pending', attempts: 0 };
  }
  const state: RunState = {
    runId: options.runId,
    workflow: graph.name,
    version: graph.version,
    status: 'running',
    input: options.input,
    startedAt: options.at,
    steps,
    seq: 0,
    ...(options.parentRunId !== undefined && { parentRunId: options.parentRunId }),
    ...(options.rerunOf !== undefined && { rerunOf: options.rerunOf }),
  };
  const t = new Step(graph, state, options.at);
  t.emit('run.started', {
    data: {
      workflow: graph.name,
      version: graph.version,
      input: options.input,
      ...(options.parentRunId !== undefined && { parentRunId: options.parentRunId }),
      ...(options.rerunOf !== undefined && { rerunOf: options.rerunOf }),
      ...(options.reuse && { reused: Object.keys(options.reuse) }),
    },
  });
  advance(
    t,
    graph.steps.map((s) => s.name),
  );
  return t.result();
}

/**
 * Applies one event to a run and returns what follows. Events for a finished run, or for a step (or item)
 * that is not running, are ignored: a late or duplicated result never changes a run twice.
 */
export function transition(graph: WorkflowGraph, state: RunState, event: CoordinatorEvent): Transition {
  const t = new Step(graph, state, event.at);
  if (state.status !== 'running') return t.result();
  switch (event.type) {
    case 'run.cancel':
      endRun(
        t,
        'cancelled',
        'cancelled',
        serializeError(new RunCancelledError({ runId: state.runId, workflow: graph.name }, event.reason)),
      );
      return t.result();
    case 'run.timeout':
      endRun(t, 'failed', 'timeout', event.error);
      return t.result();
    case 'run.fail':
      endRun(t, 'failed', 'failed', event.error);
      return t.result();
    default:
      break;
  }
  const step = state.steps[event.step];
  if (!step || step.status !== 'running') return t.result();
  const item = event.index;
  if (item !== undefined && !step.itemsState?.running.includes(item)) return t.result();
  if (item === undefined && step.itemsState && event.type !== 'run.stop' && event.type !== 'step.log')
    return t.result();
  const at = { step: event.step, ...(item !== undefined && { index: item }) };

  switch (event.type) {
    case 'step.started':
      step.attempts += 1;
      step.startedAt ??= event.at;
      if (event.worker !== undefined) step.worker = event.worker;
      t.emit('step.started', {
        ...at,
        attempt: event.attempt,
        ...(event.worker !== undefined && { data: { worker: event.worker } }),
      });
      break;
    case 'step.retrying':
      step.error = event.error;
      t.emit('step.retrying', { ...at, attempt: event.attempt, data: { error: event.error, delayMs: event.delayMs } });
      break;
    case 'step.log':
      t.emit('step.log', {
        ...at,
        data: { message: event.message, ...(event.data !== undefined && { data: event.data }) },
      });
      break;
    case 'step.expanded':
      expand(t, step, event.count);
      break;
    case 'step.succeeded':
    case 'step.recovered':
      if (item !== undefined) settleItem(t, step, item, event);
      else settleStep(t, step, event);
      break;
    case 'step.failed':
      failStep(t, step, event.error, at, event.attempt);
      break;
    case 'run.stop':
      stopRun(t, step, event.output, item);
      break;
  }
  return t.result();
}

function settleStep(
  t: Step,
  step: StepState,
  event: Extract<CoordinatorEvent, { type: 'step.succeeded' | 'step.recovered' }>,
): void {
  const node = t.index.nodes.get(step.name)!;
  if (node.kind === 'route') {
    // A route's value, whether returned or supplied by its fallback, is its choice.
    const choice = routeChoice(t.graph.name, node, event.output, t.state.runId);
    if (!choice.ok) {
      failStep(t, step, serializeError(choice.error), { step: step.name }, event.attempt);
      return;
    }
    if (event.type === 'step.recovered') step.error = event.error;
    succeed(t, step, event.type === 'step.succeeded' ? 'succeeded' : 'recovered', event.output, event.attempt);
    const candidates = [...t.index.dependents.get(step.name)!];
    for (const target of node.routes ?? []) {
      const targetState = t.state.steps[target];
      if (!choice.chosen.has(target) && targetState.status === 'pending') {
        skip(t, targetState, 'route');
        candidates.push(...t.index.dependents.get(target)!);
      }
    }
    advance(t, candidates);
    return;
  }
  if (event.type === 'step.recovered') {
    step.error = event.error;
    succeed(t, step, 'recovered', event.output, event.attempt);
  } else {
    succeed(t, step, 'succeeded', event.output, event.attempt);
  }
  advance(t, t.index.dependents.get(step.name)!);
}

function succeed(t: Step, step: StepState, status: 'succeeded' | 'recovered', output: unknown, attempt: number): void {
  step.status = status;
  step.output = output;
  step.endedAt = t.at;
  if (status === 'succeeded') delete step.error;
  t.emit(status === 'succeeded' ? 'step.succeeded' : 'step.recovered', {
    step: step.name,
    attempt,
    data: status === 'succeeded' ? { output } : { output, error: step.error },
  });
}

function expand(t: Step, step: StepState, count: number): void {
  step.items = count;
  step.itemsState = { count, scheduled: 0, settled: 0, running: [], outputs: new Array<unknown>(count).fill(null) };
  if (count === 0) {
    delete step.itemsState;
    succeed(t, step, 'succeeded', [], step.attempts);
    advance(t, t.index.dependents.get(step.name)!);
    return;
  }
  scheduleItems(t, step);
}

function scheduleItems(t: Step, step: StepState): void {
  const items = step.itemsState!;
  const limit = t.index.nodes.get(step.name)!.concurrency ?? Number.POSITIVE_INFINITY;
  while (items.scheduled < items.count && items.running.length < limit) {
    const index = items.scheduled++;
    items.running.push(index);
    t.emit('step.scheduled', { step: step.name, index });
    t.actions.push({ type: 'run-step', step: step.name, index });
  }
}

function settleItem(
  t: Step,
  step: StepState,
  index: number,
  event: Extract<CoordinatorEvent, { type: 'step.succeeded' | 'step.recovered' }>,
): void {
  const items = step.itemsState!;
  items.outputs[index] = event.output;
  items.settled += 1;
  items.running.splice(items.running.indexOf(index), 1);
  t.emit(event.type, {
    step: step.name,
    index,
    attempt: event.attempt,
    data: event.type === 'step.succeeded' ? { output: event.output } : { output: event.output, error: event.error },
  });
  if (items.settled < items.count) {
    scheduleItems(t, step);
    return;
  }
  const outputs = items.outputs;
  delete step.itemsState;
  succeed(t, step, 'succeeded', outputs, step.attempts);
  advance(t, t.index.dependents.get(step.name)!);
}

function failStep(
  t: Step,
  step: StepState,
  error: ErrorInfo,
  at: { step: string; index?: number },
  attempt: number,
): void {
  step.status = 'failed';
  step.error = error;
  step.endedAt = t.at;
  t.emit('step.failed', { ...at, attempt, data: { error } });
  // The other running items of a failed forEach step are aborted with it.
  for (const index of step.itemsState?.running ?? []) {
    if (index !== at.index) t.actions.push({ type: 'abort-step', step: step.name, index, reason: error });
  }
  delete step.itemsState;
  const failure = new StepFailedError(error.message, { workflow: t.graph.name, step: step.name, runId: t.state.runId });
  endRun(t, 'failed', 'failed', { name: failure.name, message: failure.message, code: failure.code });
}

function stopRun(t: Step, step: StepState, output: unknown, index?: number): void {
  for (const other of step.itemsState?.running ?? []) {
    if (other === index) continue;
    const reason = serializeError(
      new StepAbortedError('the run was stopped', { workflow: t.graph.name, step: step.name, runId: t.state.runId }),
    );
    delete reason.stack;
    t.actions.push({ type: 'abort-step', step: step.name, index: other, reason });
  }
  delete step.itemsState;
  succeed(t, step, 'succeeded', output, step.attempts);
  endRun(t, 'succeeded', 'stopped', undefined, output);
}

/** Schedules or skips every pending step among `candidates` whose dependencies allow it, propagating skips. */
function advance(t: Step, candidates: readonly string[]): void {
  const queue = [...candidates];
  while (queue.length > 0) {
    const name = queue.shift()!;
    const step = t.state.steps[name];
    if (step.status !== 'pending') continue;
    const verdict = readiness(t, name);
    if (verdict === 'run') schedule(t, step);
    else if (verdict === 'skip') {
      skip(t, step, 'upstream');
      queue.push(...t.index.dependents.get(name)!);
    }
  }
  if (Object.values(t.state.steps).every((s) => isTerminal(s.status))) {
    endRun(t, 'succeeded', 'succeeded', undefined, selectOutput(t.graph, t.state));
  }
}

/** `run` when every dependency is settled, none failed and one succeeded; `skip` when all were skipped. */
function readiness(t: Step, name: string): 'run' | 'skip' | 'wait' {
  const deps = t.index.nodes.get(name)!.dependsOn;
  if (deps.length === 0) return 'run';
  let succeeded = false;
  for (const dep of deps) {
    const status = t.state.steps[dep].status;
    if (!isTerminal(status) || status === 'failed') return 'wait';
    if (isSuccess(status)) succeeded = true;
  }
  return succeeded ? 'run' : 'skip';
}

function schedule(t: Step, step: StepState): void {
  step.status = 'running';
  t.emit('step.scheduled', { step: step.name });
  const kind = t.index.nodes.get(step.name)!.kind;
  t.actions.push(kind === 'forEach' ? { type: 'expand', step: step.name } : { type: 'run-step', step: step.name });
}

function skip(t: Step, step: StepState, reason: string): void {
  step.status = 'skipped';
  step.skipReason = reason;
  step.endedAt = t.at;
  t.emit('step.skipped', { step: step.name, data: { reason } });
}

/**
 * Ends the run once: aborts running steps (they end `failed` with a `StepAbortedError`), skips pending
 * ones with `reason`, records the outcome and asks the transport to finish.
 */
function endRun(
  t: Step,
  status: Exclude<RunStatus, 'running'>,
  reason: string,
  error?: ErrorInfo,
  output?: unknown,
): void {
  const { state } = t;
  if (state.status !== 'running') return;
  state.status = status;
  const why =
    {
      failed: 'the run failed',
      cancelled: 'the run was cancelled',
      stopped: 'the run was stopped',
      timeout: 'the run timed out',
      succeeded: 'the run ended',
    }[reason] ?? reason;
  for (const node of t.graph.steps) {
    const step = state.steps[node.name];
    if (step.status === 'running') {
      const aborted = serializeError(
        new StepAbortedError(why, { workflow: t.graph.name, step: step.name, runId: state.runId }),
      );
      delete aborted.stack;
      const indexes = step.itemsState?.running ?? [];
      for (const index of indexes) t.actions.push({ type: 'abort-step', step: step.name, index, reason: aborted });
      if (indexes.length === 0) t.actions.push({ type: 'abort-step', step: step.name, reason: aborted });
      delete step.itemsState;
      step.status = 'failed';
      step.error = aborted;
      step.endedAt = t.at;
      t.emit('step.failed', { step: step.name, data: { error: aborted, aborted: true } });
    } else if (step.status === 'pending') {
      skip(t, step, reason);
    }
  }
  state.endedAt = t.at;
  if (status === 'succeeded') {
    state.output = output;
    t.emit('run.succeeded', { data: { output } });
    t.actions.push({ type: 'finish', status, output });
  } else {
    state.error = error!;
    t.emit(status === 'cancelled' ? 'run.cancelled' : 'run.failed', { data: { error } });
    t.actions.push({ type: 'finish', status, error: error! });
  }
}
