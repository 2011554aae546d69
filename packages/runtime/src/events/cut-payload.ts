import type { TraceEvent } from './trace-event.js';

/** Default largest event payload, in bytes of JSON, before it is cut. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

/** What replaces a payload (a run's input, a step's output, a log's data, a signal's payload) that was too large or not serialisable. */
export interface CutPayload {
  truncated: true;
  /** The payload's size in JSON bytes, when it could be serialised. */
  bytes?: number;
  /** The first characters of its JSON, or why it could not be serialised. */
  preview: string;
}

/** Whether a value in an event's data is the cut form of a payload (see {@link cutPayload}). */
export function isCutPayload(value: unknown): value is CutPayload {
  if (typeof value !== 'object' || value === null) return false;
  const cut = value as Partial<Record<keyof CutPayload, unknown>>;
  return cut.truncated === true && typeof cut.preview === 'string';
}

/** The fields of an event's data that hold application values: the only ones cutting replaces. */
const PAYLOAD_KEYS = ['input', 'output', 'payload', 'data'] as const;

/** Free-text fields shortened when an event is still too large once its payloads are cut. */
const TEXT_KEYS = ['message', 'reason'] as const;

/** About how many bytes a cut payload's own fields take beside its preview. */
const CUT_OVERHEAD = 64;

function stringify(value: unknown): string | undefined {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return undefined;
  }
}

/** A payload's cut form: its preview within `room` characters, or why it could not be serialised. */
function cutValue(value: unknown, room: number): unknown {
  let json: string;
  try {
    json = JSON.stringify(value) ?? '';
  } catch (error) {
    return { truncated: true, preview: `unserialisable: ${(error as Error).message}` } satisfies CutPayload;
  }
  return json.length <= room
    ? value
    : ({ truncated: true, bytes: json.length, preview: json.slice(0, room) } satisfies CutPayload);
}

/** A string within `max` characters, saying how much was cut. */
function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters cut]`;
}

/** An `error` field with its message and stack shortened. */
function shortenError(error: unknown, max: number): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const shortened = { ...(error as Record<string, unknown>) };
  if (typeof shortened.message === 'string') shortened.message = shorten(shortened.message, max);
  if (typeof shortened.stack === 'string') shortened.stack = shorten(shortened.stack, max);
  return shortened;
}

/**
 * Returns the event with its oversized parts cut when the JSON of its `data` exceeds `maxBytes` (or
 * cannot be produced); otherwise the event itself. Only application values are replaced, each in its own
 * field, by a {@link CutPayload}: a run's `input`, an `output`, a signal's `payload`, a log's `data`.
 * Should the rest still be too large, error messages, stacks and log messages are shortened. The fields
 * that identify a run (`workflow`, `version`, `parentRunId`, `rerunOf`) are never touched, so the data
 * keeps its kind's shape.
 */
export function cutPayload<E extends TraceEvent>(event: E, maxBytes: number): E {
  if (event.data === undefined) return event;
  const whole = stringify(event.data);
  if (whole !== undefined && whole.length <= maxBytes) return event;
  const data: Record<string, unknown> = { ...(event.data as Record<string, unknown>) };
  const payloads = PAYLOAD_KEYS.filter((key) => key in data);
  const rest = Object.fromEntries(Object.entries(data).filter(([key]) => !payloads.includes(key as never)));
  const room = Math.max(0, Math.floor((maxBytes - (stringify(rest)?.length ?? 0)) / Math.max(1, payloads.length)));
  for (const key of payloads) data[key] = cutValue(data[key], Math.max(0, room - CUT_OVERHEAD));
  if ((stringify(data)?.length ?? 0) > maxBytes) {
    const max = Math.max(200, Math.floor(maxBytes / 4));
    if ('error' in data) data.error = shortenError(data.error, max);
    for (const key of TEXT_KEYS) {
      const text = data[key];
      if (typeof text === 'string') data[key] = shorten(text, max);
    }
  }
  return { ...event, data };
}
