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
  /** Kept from a `run.started` payload (the input is what was cut): which workflow the run is of. */
  workflow?: string;
  /** Kept: the graph version. */
  version?: string;
  /** Kept: the parent run of a child run. */
  parentRunId?: string;
  /** Kept: the run a rerun repeats. */
  rerunOf?: string;
}

/** Small identifying fields that stay when a payload is cut, so a reader never loses which run is which. */
const KEPT = ['workflow', 'version', 'parentRunId', 'rerunOf'] as const;

/** The identifying fields of a payload object that are short strings. */
function keptFields(data: unknown): Partial<Pick<CutPayload, (typeof KEPT)[number]>> {
  if (typeof data !== 'object' || data === null) return {};
  const kept: Partial<Record<(typeof KEPT)[number], string>> = {};
  for (const key of KEPT) {
    const value = (data as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.length <= 200) kept[key] = value;
  }
  return kept;
}

/**
 * Returns the event with its `data` replaced by a {@link CutPayload} when its JSON exceeds `maxBytes`
 * (or cannot be produced); otherwise the event itself. The payload's identifying fields (`workflow`,
 * `version`, `parentRunId`, `rerunOf`) are never cut.
 */
export function cutPayload(event: TraceEvent, maxBytes: number): TraceEvent {
  if (event.data === undefined) return event;
  let json: string;
  try {
    json = JSON.stringify(event.data) ?? '';
  } catch (error) {
    return {
      ...event,
      data: {
        ...keptFields(event.data),
        truncated: true,
        preview: `unserialisable: ${(error as Error).message}`,
      } satisfies CutPayload,
    };
  }
  if (json.length <= maxBytes) return event;
  return {
    ...event,
    data: {
      ...keptFields(event.data),
      truncated: true,
      bytes: json.length,
      preview: json.slice(0, maxBytes),
    } satisfies CutPayload,
  };
}
