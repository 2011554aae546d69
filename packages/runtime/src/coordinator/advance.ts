import { BudgetExceededError, serializeError, StepFailedError } from '@baton/sdk';
import { abortedError, abortRunning, endRun } from './end-run.js';
import type { ErrorInfo } from './run-snapshot.js';
import type { StepState } from './run-state.js';
import { beginWait } from './waits.js';
import { selectOutput } from './select-output.js';
import { isSuccess, isTerminal } from './step-status.js';
import type { TransitionDraft } from './transition-draft.js';
import { budgetCrossed, countExecution, executionWouldCross } from './usage.js';

/** What a pending step's dependencies allow now. */
type Readiness = 'run' | 'skip' | 'wait' | { fail: StepState };

/**
 * Schedules or skips every pending step among `candidates` whose dependencies allow it, propagating
 * skips; ends the run when a budget is crossed, when a join can never run, or when every step has ended.
 */
export function advance(t: TransitionDraft, candidates: readonly string[]): void {
  if (t.state.status !== 'running') return;
  const crossed = budgetCrossed(t);
  if (crossed) {
    endRun(t, 'failed', 'budget', crossed);
    return;
  }
  const queue = [...candidates];
  while (queue.length > 0 && t.state.status === 'running') {
    const name = queue.shift()!;
    const step = t.state.steps[name];
    if (step.status !== 'pending') continue;
    const verdict = readiness(t, name);
    if (verdict === 'run') {
      schedule(t, step);
      if (t.index.nodes.get(name)!.join === 'any') queue.push(...supersede(t, name));
    } else if (verdict === 'skip') {
      t.skip(step, 'upstream');
      queue.push(...t.index.dependents.get(name)!);
    } else if (verdict !== 'wait') {
      failRun(t, verdict.fail);
    }
  }
  if (t.state.status === 'running' && Object.values(t.state.steps).every((s) => isTerminal(s.status))) {
    endRun(t, 'succeeded', 'succeeded', undefined, selectOutput(t.graph, t.state));
  }
}

/**
 * `'all'` (default): every dependency ended, none failed, one succeeded. `'any'`: one succeeded.
 * `'allSettled'`: every dependency ended, whatever its outcome. A step whose dependencies were all
 * skipped is skipped; an `'any'` join whose dependencies all ended without a success fails the run.
 */
function readiness(t: TransitionDraft, name: string): Readiness {
  const node = t.index.nodes.get(name)!;
  if (node.dependsOn.length === 0) return 'run';
  let succeeded = false;
  let settled = true;
  let failed: StepState | undefined;
  for (const dep of node.dependsOn) {
    const step = t.state.steps[dep];
    if (isSuccess(step.status)) succeeded = true;
    else if (step.status === 'failed') failed = step;
    else if (!isTerminal(step.status)) settled = false;
  }
  if (node.join === 'any') {
    if (succeeded) return 'run';
    if (!settled) return 'wait';
    return failed ? { fail: failed } : 'skip';
  }
  if (!settled) return 'wait';
  if (node.join === 'allSettled') return succeeded || failed ? 'run' : 'skip';
  if (failed) return 'wait'; // the failure ends the run (see `tolerated`)
  return succeeded ? 'run' : 'skip';
}

/** Whether a failed step's failure leaves the run going: every step that depends on it tolerates failures. */
export function tolerated(t: TransitionDraft, name: string): boolean {
  if (t.graph.output === name) return false;
  const dependents = t.index.dependents.get(name)!;
  return dependents.length > 0 && dependents.every((d) => t.index.nodes.get(d)!.join !== undefined);
}

/** Fails the run because of a step's failure (a `StepFailedError` naming it). */
export function failRun(t: TransitionDraft, step: StepState): void {
  const message = step.error?.message ?? 'it failed';
  const failure = new StepFailedError(message, { workflow: t.graph.name, step: step.name, runId: t.state.runId });
  endRun(t, 'failed', 'failed', { name: failure.name, message: failure.message, code: failure.code });
}

/** A ready step runs, or starts waiting for its signal or delay. */
function schedule(t: TransitionDraft, step: StepState): void {
  if (!beginWait(t, step, (ready) => runStep(t, ready))) runStep(t, step);
}

/**
 * Asks the transport to run a step (or expand a forEach), counting the execution against the `steps`
 * budget. `failWith`: run no attempt but settle that failure (a wait that timed out, for its fallback).
 */
export function runStep(t: TransitionDraft, step: StepState, failWith?: ErrorInfo): void {
  const kind = t.index.nodes.get(step.name)!.kind;
  if (kind !== 'forEach' && executionWouldCross(t)) {
    refuseExecution(t);
    return;
  }
  step.status = 'running';
  t.emit('step.scheduled', { step: step.name });
  if (kind === 'forEach') {
    t.actions.push({ type: 'expand', step: step.name, ...t.passOf(step) });
    return;
  }
  countExecution(t);
  t.actions.push({ type: 'run-step', step: step.name, ...t.passOf(step), ...(failWith && { failWith }) });
}

/** Fails the run because one more execution would cross its `steps` budget. */
export function refuseExecution(t: TransitionDraft): void {
  const cap = t.graph.budget!.steps!;
  const spent = (t.state.usage?.steps ?? 0) + 1;
  const error = serializeError(
    new BudgetExceededError('steps', cap, spent, { workflow: t.graph.name, runId: t.state.runId }),
  );
  endRun(t, 'failed', 'budget', error);
}

/**
 * An `'any'` join started: its dependencies still pending or running that no other step waits for are
 * aborted and skipped as `superseded`. Returns the steps to look at again (their dependents).
 */
function supersede(t: TransitionDraft, join: string): string[] {
  const again: string[] = [];
  for (const dep of t.index.nodes.get(join)!.dependsOn) {
    const step = t.state.steps[dep];
    if (isTerminal(step.status) || t.graph.output === dep) continue;
    const needed = t.index.dependents
      .get(dep)!
      .some((other) => other !== join && !isTerminal(t.state.steps[other].status));
    if (needed) continue;
    if (step.status === 'running') abortRunning(t, step, abortedError(t, dep, 'superseded'));
    t.skip(step, 'superseded');
    again.push(...t.index.dependents.get(dep)!);
  }
  return again;
}
