/**
 * A partial result a running step sent with `ctx.progress(data)` (streamed tokens, a percentage). Not part
 * of the run's trace: not numbered, not stored beyond a short tail per run, and lost if nobody follows.
 */
export interface ProgressEvent {
  /** The run the step belongs to. */
  runId: string;
  /** The name of the step that sent it. */
  step: string;
  /** The forEach item's index. */
  index?: number;
  /** The loop pass, from the second on. */
  iteration?: number;
  /** Epoch milliseconds. */
  ts: number;
  /** What the step sent (over {@link MAX_PROGRESS_BYTES} of JSON, replaced by `{ truncated: true, bytes }`). */
  data: unknown;
}

/** The largest progress payload passed on as is, in bytes of JSON. */
export const MAX_PROGRESS_BYTES = 16 * 1024;

/** How many progress events are kept per run for followers who subscribe late. */
export const PROGRESS_TAIL = 20;

/** The event with its data bounded to {@link MAX_PROGRESS_BYTES} (and never a value JSON cannot carry). */
export function boundedProgress(event: ProgressEvent): ProgressEvent {
  let json: string | undefined;
  try {
    json = JSON.stringify(event.data);
  } catch {
    json = undefined;
  }
  if (json === undefined) return { ...event, data: null };
  const bytes = Buffer.byteLength(json);
  return bytes > MAX_PROGRESS_BYTES ? { ...event, data: { truncated: true, bytes } } : event;
}
