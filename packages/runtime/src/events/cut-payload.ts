import type { TraceEvent } from './trace-event.js';

/** Default largest event payload, in bytes of JSON, before it is cut. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

/** What replaces a payload that was too large or not serialisable. */
export interface CutPayload {
  truncated: true;
  /** The payload's size in JSON bytes, when it could be serialised. */
  bytes?: number;
  /** The first `maxBytes` characters of its JSON, or why it could not be serialised. */
  preview: string;
}

/**
 * Returns the event with its `data` replaced by a {@link CutPayload} when its JSON exceeds `maxBytes`
 * (or cannot be produced); otherwise the event itself.
 */
export function cutPayload(event: TraceEvent, maxBytes: number): TraceEvent {
  if (event.data === undefined) return event;
  let json: string;
  try {
    json = JSON.stringify(event.data) ?? '';
  } catch (error) {
    return {
      ...event,
      data: { truncated: true, preview: `unserialisable: ${(error as Error).message}` } satisfies CutPayload,
    };
  }
  if (json.length <= maxBytes) return event;
  return {
    ...event,
    data: { truncated: true, bytes: json.length, preview: json.slice(0, maxBytes) } satisfies CutPayload,
  };
}
