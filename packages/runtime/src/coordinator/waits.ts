import { serializeError, SignalTimeoutError } from '@baton/sdk';
import type { StepState } from './run-state.js';
import type { TransitionDraft } from './transition-draft.js';

/**
 * Waits (`@WaitFor`, `@Delay`, DESIGN §7): a ready step that waits becomes `waiting` instead of running,
 * holding nothing but the run's state. A signal is taken by the first step (in declaration order) waiting
 * for its name, or kept until one does; timers are actions the transport performs and reports back as
 * `step.wait-expired`. Each function here changes a step that is ready (`begin`) or `waiting`.
 */

/**
 * A ready step with a wait or a delay starts waiting (true); false for any other step (schedule it). A
 * signal received earlier is taken at once.
 */
export function beginWait(t: TransitionDraft, step: StepState, run: (step: StepState) => void): boolean {
  const node = t.index.nodes.get(step.name)!;
  if (node.wait) {
    const until = node.wait.timeoutMs === undefined ? undefined : t.at + node.wait.timeoutMs;
    step.status = 'waiting';
    step.waitingFor = { signal: node.wait.signal, ...(until !== undefined && { until }) };
    t.emit('step.waiting', { step: step.name, data: { ...step.waitingFor } });
    const queued = t.state.signals?.[node.wait.signal];
    if (queued && queued.length > 0) {
      const signal = queued.shift()!;
      if (queued.length === 0) delete t.state.signals![node.wait.signal];
      if (Object.keys(t.state.signals!).length === 0) delete t.state.signals;
      take(t, step, signal.payload, run);
    } else if (node.wait.timeoutMs !== undefined) {
      t.actions.push({
        type: 'start-timer',
        step: step.name,
        ...t.passOf(step),
        timer: 'timeout',
        ms: node.wait.timeoutMs,
      });
    }
    return true;
  }
  if (node.delay) {
    const ms = 'ms' in node.delay ? node.delay.ms : undefined;
    step.status = 'waiting';
    step.waitingFor = { delay: true, ...(ms !== undefined && { until: t.at + ms }) };
    t.emit('step.waiting', { step: step.name, data: { ...step.waitingFor } });
    t.actions.push({
      type: 'start-timer',
      step: step.name,
      ...t.passOf(step),
      timer: 'delay',
      ...(ms !== undefined && { ms }),
    });
    return true;
  }
  return false;
}

/** A waiting step takes a signal's payload (its `ctx.received`) and runs. */
function take(t: TransitionDraft, step: StepState, payload: unknown, run: (step: StepState) => void): void {
  step.received = payload;
  delete step.waitingFor;
  run(step);
}

/** A signal reached the run: the first step waiting for it takes it; otherwise it is kept, in order. */
export function receiveSignal(
  t: TransitionDraft,
  name: string,
  payload: unknown,
  run: (step: StepState) => void,
): void {
  const taker = t.graph.steps
    .map((node) => t.state.steps[node.name])
    .find((s) => s.status === 'waiting' && s.waitingFor?.signal === name);
  t.emit('signal.received', { data: { signal: name, payload, ...(taker && { step: taker.name }) } });
  if (taker) {
    take(t, taker, payload, run);
    return;
  }
  const signals = (t.state.signals ??= {});
  (signals[name] ??= []).push({ payload, at: t.at });
}

/**
 * A waiting step's timer fired. A delay's end runs the step; a signal's timeout fails it with
 * `SignalTimeoutError`, settled by the transport (its `@Fallback` may recover) or at once without one.
 * Returns the error when the step fails here without a fallback.
 */
export function expireWait(
  t: TransitionDraft,
  step: StepState,
  timer: 'timeout' | 'delay',
  run: (step: StepState, failWith?: ReturnType<typeof serializeError>) => void,
): ReturnType<typeof serializeError> | undefined {
  const node = t.index.nodes.get(step.name)!;
  if (timer === 'delay') {
    if (!step.waitingFor?.delay) return undefined;
    delete step.waitingFor;
    run(step);
    return undefined;
  }
  if (!node.wait || step.waitingFor?.signal === undefined) return undefined;
  const error = serializeError(
    new SignalTimeoutError(node.wait.signal, node.wait.timeoutMs ?? 0, {
      workflow: t.graph.name,
      step: step.name,
      runId: t.state.runId,
    }),
  );
  delete error.stack;
  delete step.waitingFor;
  if (!node.fallback) return error;
  run(step, error);
  return undefined;
}
