import type { ErrorInfo, TraceEvent, WaitingFor } from '@baton/runtime';
import type { CutPayload } from '@baton/runtime/internal';

export type { CutPayload };

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Whether an event's data was cut by the server. */
export function isCut(data: unknown): data is CutPayload {
  const r = record(data);
  return r?.truncated === true && typeof r.preview === 'string';
}

/** A field of an event's data; a cut payload stands in for any field (so the UI can say it was cut). */
export function field(event: TraceEvent, key: string): { present: boolean; value: unknown } {
  if (isCut(event.data)) return { present: true, value: event.data };
  const r = record(event.data);
  return r && key in r ? { present: true, value: r[key] } : { present: false, value: undefined };
}

/** The `error` of an event's data, when it has a usable one. */
export function eventError(event: TraceEvent): ErrorInfo | undefined {
  const error = record(record(event.data)?.error);
  if (!error || typeof error.message !== 'string') return undefined;
  return {
    name: typeof error.name === 'string' ? error.name : 'Error',
    message: error.message,
    ...(typeof error.code === 'string' && { code: error.code }),
    ...(typeof error.stack === 'string' && { stack: error.stack }),
    ...(details(error.details) && { details: details(error.details) }),
  };
}

/** An error's `details` (`{ budget, cap, spent }`...), keeping only JSON-safe facts. */
function details(value: unknown): NonNullable<ErrorInfo['details']> | undefined {
  const facts: NonNullable<ErrorInfo['details']> = {};
  for (const [key, fact] of Object.entries(record(value) ?? {})) {
    if (typeof fact === 'string' || typeof fact === 'number' || typeof fact === 'boolean') facts[key] = fact;
    else if (Array.isArray(fact) && fact.every((f): f is string => typeof f === 'string')) facts[key] = fact;
  }
  return Object.keys(facts).length > 0 ? facts : undefined;
}

/** A string field of an event's data. */
export function stringField(event: TraceEvent, key: string): string | undefined {
  const value = record(event.data)?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** A number field of an event's data. */
export function numberField(event: TraceEvent, key: string): number | undefined {
  const value = record(event.data)?.[key];
  return typeof value === 'number' ? value : undefined;
}

/** A boolean field of an event's data is `true` (`aborted`, `tolerated`). */
export function flag(event: TraceEvent, key: string): boolean {
  return record(event.data)?.[key] === true;
}

/** What a `loop.iteration` event says: the back target, the new pass, the cap and the body's steps. */
export interface LoopIteration {
  router: string;
  target: string;
  iteration: number;
  maxIterations?: number;
  body: string[];
}

/** The data of a `loop.iteration` event, or `undefined` when it is not one (or its data was cut). */
export function loopIteration(event: TraceEvent): LoopIteration | undefined {
  const data = record(event.data);
  const iteration = event.iteration ?? data?.iteration;
  if (event.type !== 'loop.iteration' || event.step === undefined || typeof iteration !== 'number') return undefined;
  const body = Array.isArray(data?.body) ? data.body.filter((s): s is string => typeof s === 'string') : [];
  return {
    router: event.step,
    target: typeof data?.target === 'string' ? data.target : (body[0] ?? event.step),
    iteration,
    ...(typeof data?.maxIterations === 'number' && { maxIterations: data.maxIterations }),
    body,
  };
}

/** The child run id a `step.log` event announces in `data.data.childRunId`, if any. */
export function childRunId(event: TraceEvent): string | undefined {
  const inner = record(record(event.data)?.data);
  const id = inner?.childRunId;
  return typeof id === 'string' ? id : undefined;
}

/** The names `run.started` lists as reused by a rerun. */
export function reusedSteps(event: TraceEvent): string[] {
  const reused = record(event.data)?.reused;
  return Array.isArray(reused) ? reused.filter((s): s is string => typeof s === 'string') : [];
}

/** Whether an error is a per-attempt timeout. */
export function isTimeout(error: ErrorInfo | undefined): boolean {
  return error?.name === 'StepTimeoutError';
}

/** What a `step.waiting` event says the step waits for (a signal or a delay, and until when). */
export function waitingFor(event: TraceEvent): WaitingFor {
  const data = record(event.data);
  return {
    ...(typeof data?.signal === 'string' && { signal: data.signal }),
    ...(data?.delay === true && { delay: true }),
    ...(typeof data?.until === 'number' && { until: data.until }),
  };
}

/** What a `signal.received` event says: the signal, its payload, and the step that took it at once. */
export function signalReceived(event: TraceEvent): { signal: string; payload: unknown; step?: string } | undefined {
  if (event.type !== 'signal.received') return undefined;
  const signal = stringField(event, 'signal');
  if (signal === undefined) return undefined;
  const step = stringField(event, 'step');
  return { signal, payload: field(event, 'payload').value, ...(step !== undefined && { step }) };
}
