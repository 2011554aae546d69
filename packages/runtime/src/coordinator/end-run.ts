import { serializeError, StepAbortedError } from '@baton/sdk';
import type { ErrorInfo, RunStatus } from './run-snapshot.js';
import type { StepState } from './run-state.js';
import type { TransitionDraft } from './transition-draft.js';

const WHY: Record<string, string> = {
  failed: 'the run failed',
  cancelled: 'the run was cancelled',
  stopped: 'the run was stopped',
  timeout: 'the run timed out',
  succeeded: 'the run ended',
  budget: 'the run exceeded its budget',
  superseded: "a join: 'any' went on without it",
};

/** A `StepAbortedError` for a step, without a stack (it is the coordinator's decision, not a throw site). */
export function abortedError(t: TransitionDraft, step: string, reason: string): ErrorInfo {
  const error = serializeError(
    new StepAbortedError(WHY[reason] ?? reason, { workflow: t.graph.name, step, runId: t.state.runId }),
  );
  delete error.stack;
  return error;
}

/**
 * Takes back a run-step (or expand) action for a step or item made earlier in this transition, so work
 * that never started is not started and then aborted. False when there is none.
 */
export function unschedule(t: TransitionDraft, name: string, index?: number): boolean {
  const i = t.actions.findIndex(
    (a) =>
      (a.type === 'run-step' || a.type === 'expand') && a.step === name && (a as { index?: number }).index === index,
  );
  if (i < 0) return false;
  if (t.actions[i].type === 'run-step') t.state.usage!.steps -= 1;
  t.actions.splice(i, 1);
  return true;
}

/**
 * Asks the transport to abort a running step: each running item of a forEach step, or the step itself
 * (work scheduled in this same transition is taken back instead).
 */
export function abortRunning(t: TransitionDraft, step: StepState, reason: ErrorInfo): void {
  const pass = t.passOf(step);
  if (step.itemsState) {
    // Items known: abort those running (none may be, e.g. when a budget stops the next one from starting).
    for (const index of step.itemsState.running) {
      if (!unschedule(t, step.name, index))
        t.actions.push({ type: 'abort-step', step: step.name, index, ...pass, reason });
    }
  } else if (!unschedule(t, step.name)) {
    t.actions.push({ type: 'abort-step', step: step.name, ...pass, reason });
  }
  delete step.itemsState;
}

/**
 * Ends the run once: aborts running steps (they end `failed` with a `StepAbortedError`), skips pending
 * ones with `reason`, records the outcome and asks the transport to finish.
 */
export function endRun(
  t: TransitionDraft,
  status: Exclude<RunStatus, 'running'>,
  reason: string,
  error?: ErrorInfo,
  output?: unknown,
): void {
  const { state } = t;
  if (state.status !== 'running') return;
  state.status = status;
  for (const node of t.graph.steps) {
    const step = state.steps[node.name];
    if (step.status === 'running') {
      const aborted = abortedError(t, step.name, reason);
      abortRunning(t, step, aborted);
      step.status = 'failed';
      step.error = aborted;
      step.endedAt = t.at;
      t.emit('step.failed', { step: step.name, data: { error: aborted, aborted: true } });
    } else if (step.status === 'pending' || step.status === 'waiting') {
      delete step.waitingFor;
      t.skip(step, reason);
    }
  }
  state.endedAt = t.at;
  if (status === 'succeeded') {
    state.output = output;
    t.emit('run.succeeded', { data: { output } });
    t.actions.push({ type: 'finish', status, output });
  } else {
    state.error = error!;
    t.emit(status === 'cancelled' ? 'run.cancelled' : 'run.failed', { data: { error: error! } });
    t.actions.push({ type: 'finish', status, error: error! });
  }
}
