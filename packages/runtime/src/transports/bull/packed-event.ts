import type { TraceEvent } from '../../events/trace-event.js';

/**
 * A trace event as Redis keeps it: `[ts, type, step, attempt, data, index, iteration]`, trailing empty
 * slots dropped.
 */
type PackedEvent = [
  number,
  TraceEvent['type'],
  (string | null)?,
  (number | null)?,
  unknown?,
  (number | null)?,
  (number | null)?,
];

/**
 * Packs a trace event for Redis: a JSON array without `runId` (the key names the run) and `seq` (its
 * position in the list), about half the bytes of the event's own JSON.
 */
export function packEvent(event: TraceEvent): string {
  const packed: PackedEvent = [
    event.ts,
    event.type,
    event.step ?? null,
    event.attempt ?? null,
    event.data === undefined ? null : event.data,
    event.index ?? null,
    event.iteration ?? null,
  ];
  while (packed.length > 2 && packed[packed.length - 1] === null) packed.pop();
  return JSON.stringify(packed);
}

/** Unpacks an event of run `runId` whose `seq` is known from its position. */
export function unpackEvent(json: string, runId: string, seq: number): TraceEvent {
  return fromPacked(JSON.parse(json) as PackedEvent, runId, seq);
}

function fromPacked(
  [ts, type, step, attempt, data, index, iteration]: PackedEvent,
  runId: string,
  seq: number,
): TraceEvent {
  // Redis holds only what packEvent wrote, so the kind and its data belong together.
  return <TraceEvent>{
    seq,
    runId,
    ts,
    type,
    ...(step !== null && step !== undefined && { step }),
    ...(index !== null && index !== undefined && { index }),
    ...(attempt !== null && attempt !== undefined && { attempt }),
    ...(iteration !== null && iteration !== undefined && { iteration }),
    ...(data !== null && data !== undefined && { data }),
  };
}

/** What one commit publishes: its run, the seq of its first event, and the events packed. */
export function packPublication(runId: string, firstSeq: number, packed: readonly string[]): string {
  return `{"r":${JSON.stringify(runId)},"s":${firstSeq},"e":[${packed.join(',')}]}`;
}

/** The events of one published commit. */
export function unpackPublication(message: string): TraceEvent[] {
  const { r, s, e } = JSON.parse(message) as { r: string; s: number; e: PackedEvent[] };
  return e.map((packed, i) => fromPacked(packed, r, s + i));
}
