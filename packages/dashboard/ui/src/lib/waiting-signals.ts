import type { RunModel } from './run-model.js';

/** A step waiting for a signal: the step, the signal, and its loop pass (a new pass waits anew). */
export interface SignalWait {
  step: string;
  signal: string;
  pass?: number;
}

/** The signal each waiting step of a running run waits for, in graph order (delays wait for none). */
export function waitingForSignals(model: RunModel): SignalWait[] {
  if (model.status !== 'running') return [];
  return model.waiting.flatMap((step) => {
    const view = model.steps[step];
    const signal = view.waitingFor?.signal ?? (view.waitingFor?.delay ? undefined : view.node?.wait?.signal);
    return signal === undefined ? [] : [{ step, signal, ...(view.pass && { pass: view.pass.iteration }) }];
  });
}
