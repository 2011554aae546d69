import type { ErrorInfo, TraceEvent, TraceEventOf, TraceEventType } from '@baton/runtime/trace';
export { eventError, isCutPayload } from '@baton/runtime/trace';

/** Whether an event is of one kind (narrowing its `data`), for `find` and `filter`. */
export function isOfType<T extends TraceEventType>(
  type: T,
): (event: TraceEvent) => event is TraceEventOf<T> & TraceEvent {
  return (event): event is TraceEventOf<T> & TraceEvent => event.type === type;
}

/** What a `loop.iteration` event says: the back target, the new pass, the cap and the body's steps. */
export interface LoopIteration {
  router: string;
  target: string;
  iteration: number;
  maxIterations?: number;
  body: string[];
}

/** The data of a `loop.iteration` event (its step is the router), or `undefined` for other events. */
export function loopIteration(event: TraceEvent): LoopIteration | undefined {
  if (event.type !== 'loop.iteration' || event.step === undefined) return undefined;
  const { target, iteration, maxIterations, body } = event.data;
  return { router: event.step, target, iteration: event.iteration ?? iteration, maxIterations, body };
}

/** The child run id a `step.log` event announces in `data.data.childRunId`, if any. */
export function childRunId(event: TraceEvent): string | undefined {
  if (event.type !== 'step.log') return undefined;
  const inner = event.data.data;
  const id = typeof inner === 'object' && inner !== null ? (inner as { childRunId?: unknown }).childRunId : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** Whether an error is a per-attempt timeout. */
export function isTimeout(error: ErrorInfo | undefined): boolean {
  return error?.name === 'StepTimeoutError';
}
