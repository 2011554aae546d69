import { LoopLimitError, RunCancelledError, serializeError, type WorkflowGraph } from '@baton/sdk';
import { advance, failRun, refuseExecution, runStep, tolerated } from './advance.js';
import { expireWait, receiveSignal } from './waits.js';
import type { CoordinatorEvent } from './coordinator-event.js';
import { abortedError, endRun } from './end-run.js';
import { firstPasses, loopOf, startPass } from './loop-pass.js';
import { routeChoice } from './route-choice.js';
import type { ErrorInfo, StepSnapshot } from './run-snapshot.js';
import type { RunState, StepState } from './run-state.js';
import { TransitionDraft, type Transition } from './transition-draft.js';
import { countExecution, executionWouldCross, recordUsage } from './usage.js';

export type { Transition } from './transition-draft.js';

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

type Settled = Extract<CoordinatorEvent, { type: 'step.succeeded' | 'step.recovered' }>;

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
  firstPasses(graph, state);
  const t = new TransitionDraft(graph, state, options.at);
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
 * Applies one event to a run and returns what follows. Events for a finished run, or for a step (or item,
 * or loop pass) that is not running, are ignored: a late or duplicated result never changes a run twice.
 */
export function transition(graph: WorkflowGraph, state: RunState, event: CoordinatorEvent): Transition {
  const t = new TransitionDraft(graph, state, event.at);
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
    case 'signal':
      receiveSignal(t, event.name, event.payload, (ready) => runStep(t, ready));
      advance(t, []);
      return t.result();
    case 'step.wait-expired':
      expired(t, event);
      return t.result();
    default:
      break;
  }
  const step = state.steps[event.step];
  if (!step || step.status !== 'running') return t.result();
  if ((event.iteration ?? 1) !== (step.iteration ?? 1)) return t.result();
  const item = event.index;
  if (item !== undefined && !step.itemsState?.running.includes(item)) return t.result();
  if (item === undefined && step.itemsState && event.type !== 'run.stop' && event.type !== 'step.log')
    return t.result();
  const at = { step: event.step, ...(item !== undefined && { index: item }) };
  if ('usage' in event) recordUsage(t, step, event.usage, item);

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
      advance(t, []); // a retry may not start past a crossed budget
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

/** A waiting step's timer fired (ignored unless the step still waits, in the same pass). */
function expired(t: TransitionDraft, event: Extract<CoordinatorEvent, { type: 'step.wait-expired' }>): void {
  const step = t.state.steps[event.step];
  if (step?.status !== 'waiting' || (event.iteration ?? 1) !== (step.iteration ?? 1)) return;
  const error = expireWait(t, step, event.timer, (ready, failWith) => runStep(t, ready, failWith));
  if (error) failStep(t, step, error, { step: step.name }, 0);
  else advance(t, []);
}

function settleStep(t: TransitionDraft, step: StepState, event: Settled): void {
  const node = t.index.nodes.get(step.name)!;
  if (event.type === 'step.recovered') step.error = event.error;
  if (node.kind !== 'route') {
    succeed(t, step, event.type === 'step.succeeded' ? 'succeeded' : 'recovered', event.output, event.attempt);
    advance(t, t.index.dependents.get(step.name)!);
    return;
  }
  // A route's value, whether returned or supplied by its fallback, is its choice.
  const choice = routeChoice(t.graph.name, node, event.output, t.state.runId);
  if (!choice.ok) {
    failStep(t, step, serializeError(choice.error), { step: step.name }, event.attempt);
    return;
  }
  const back = [...choice.chosen].map((target) => loopOf(t.graph, step.name, target)).find((loop) => loop);
  if (back && (step.iteration ?? 1) >= back.maxIterations) {
    const error = new LoopLimitError(back.target, back.maxIterations, {
      workflow: t.graph.name,
      step: step.name,
      runId: t.state.runId,
    });
    failStep(t, step, serializeError(error), { step: step.name }, event.attempt);
    return;
  }
  succeed(t, step, event.type === 'step.succeeded' ? 'succeeded' : 'recovered', event.output, event.attempt);
  if (back) {
    startPass(t, back);
    advance(t, [back.target]);
    return;
  }
  const candidates = [...t.index.dependents.get(step.name)!];
  for (const target of node.routes ?? []) {
    const targetState = t.state.steps[target];
    if (!choice.chosen.has(target) && targetState.status === 'pending' && !node.backTargets?.includes(target)) {
      t.skip(targetState, 'route');
      candidates.push(...t.index.dependents.get(target)!);
    }
  }
  advance(t, candidates);
}

function succeed(
  t: TransitionDraft,
  step: StepState,
  status: 'succeeded' | 'recovered',
  output: unknown,
  attempt: number,
): void {
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

function expand(t: TransitionDraft, step: StepState, count: number): void {
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

function scheduleItems(t: TransitionDraft, step: StepState): void {
  const items = step.itemsState!;
  const limit = t.index.nodes.get(step.name)!.concurrency ?? Number.POSITIVE_INFINITY;
  while (items.scheduled < items.count && items.running.length < limit) {
    if (executionWouldCross(t)) {
      refuseExecution(t);
      return;
    }
    const index = items.scheduled++;
    items.running.push(index);
    countExecution(t);
    t.emit('step.scheduled', { step: step.name, index });
    t.actions.push({ type: 'run-step', step: step.name, index, ...t.passOf(step) });
  }
}

function settleItem(t: TransitionDraft, step: StepState, index: number, event: Settled): void {
  const items = step.itemsState!;
  items.outputs[index] = event.output;
  t.emit(event.type, {
    step: step.name,
    index,
    attempt: event.attempt,
    data: event.type === 'step.succeeded' ? { output: event.output } : { output: event.output, error: event.error },
  });
  itemSettled(t, step, index);
}

/** One item has ended (succeeded, or failed with failures tolerated): schedule more, or end the step. */
function itemSettled(t: TransitionDraft, step: StepState, index: number): void {
  const items = step.itemsState!;
  items.settled += 1;
  items.running.splice(items.running.indexOf(index), 1);
  if (items.settled < items.count) {
    scheduleItems(t, step);
    advance(t, []);
    return;
  }
  const { outputs, failed } = items;
  delete step.itemsState;
  if (failed) {
    // Failures are tolerated downstream: the step fails, and keeps the items that succeeded as its output.
    step.status = 'failed';
    step.output = outputs;
    step.endedAt = t.at;
    t.emit('step.failed', {
      step: step.name,
      attempt: step.attempts,
      data: { error: step.error!, failedItems: failed }, // an item's failure set step.error
    });
  } else {
    succeed(t, step, 'succeeded', outputs, step.attempts);
  }
  advance(t, t.index.dependents.get(step.name)!);
}

function failStep(
  t: TransitionDraft,
  step: StepState,
  error: ErrorInfo,
  at: { step: string; index?: number },
  attempt: number,
): void {
  const keepsGoing = tolerated(t, step.name);
  if (at.index !== undefined && keepsGoing && step.itemsState) {
    // The other items go on; the step fails once they have all ended (see `itemSettled`).
    step.error ??= error;
    step.itemsState.failed = (step.itemsState.failed ?? 0) + 1;
    step.itemsState.outputs[at.index] = null;
    t.emit('step.failed', { ...at, attempt, data: { error, tolerated: true } });
    itemSettled(t, step, at.index);
    return;
  }
  step.status = 'failed';
  step.error = error;
  step.endedAt = t.at;
  t.emit('step.failed', { ...at, attempt, data: { error } });
  // The other running items of a failed forEach step are aborted with it.
  for (const index of step.itemsState?.running ?? []) {
    if (index !== at.index)
      t.actions.push({ type: 'abort-step', step: step.name, index, ...t.passOf(step), reason: error });
  }
  delete step.itemsState;
  if (keepsGoing) advance(t, t.index.dependents.get(step.name)!);
  else failRun(t, step);
}

function stopRun(t: TransitionDraft, step: StepState, output: unknown, index?: number): void {
  for (const other of step.itemsState?.running ?? []) {
    if (other === index) continue;
    t.actions.push({
      type: 'abort-step',
      step: step.name,
      index: other,
      ...t.passOf(step),
      reason: abortedError(t, step.name, 'stopped'),
    });
  }
  delete step.itemsState;
  succeed(t, step, 'succeeded', output, step.attempts);
  endRun(t, 'succeeded', 'stopped', undefined, output);
}
