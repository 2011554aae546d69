import type { RunSnapshot, TraceEvent } from '@baton/runtime';
import type { WorkflowGraph } from '@baton/sdk';
import type { RunSubscription, SignalSchema } from '../../../src/protocol.js';

/**
 * What the run page holds for one run: the latest snapshot, the graph, and the trace so far, applied
 * strictly in seq order. Pure functions; the hook in `use-run-stream.ts` does the I/O.
 */
export interface RunStream {
  runId: string;
  snapshot?: RunSnapshot;
  graph?: WorkflowGraph;
  /** What the graph's signals carry (for the signal forms), when some step waits. */
  signals?: SignalSchema[];
  /** Every event held, seq 1..lastSeq without gaps. */
  events: readonly TraceEvent[];
  /** The last seq applied (0 before any). */
  lastSeq: number;
}

/** What applying a batch did. */
export interface Applied {
  stream: RunStream;
  /** True when an event after a missing seq arrived: re-subscribe with `afterSeq: stream.lastSeq`. */
  gap: boolean;
}

/** A stream holding nothing yet. */
export function emptyStream(runId: string): RunStream {
  return { runId, events: [], lastSeq: 0 };
}

/**
 * Appends a batch: events at or below `lastSeq` are ignored (duplicates), events that continue the
 * sequence are applied, and the first event after a hole stops the batch and reports the gap.
 */
export function appendEvents(stream: RunStream, batch: readonly TraceEvent[]): Applied {
  const fresh: TraceEvent[] = [];
  let last = stream.lastSeq;
  let gap = false;
  for (const event of [...batch].sort((a, b) => a.seq - b.seq)) {
    if (event.runId !== stream.runId || event.seq <= last) continue;
    if (event.seq !== last + 1) {
      gap = true;
      break;
    }
    fresh.push(event);
    last = event.seq;
  }
  if (fresh.length === 0) return { stream, gap };
  return { stream: { ...stream, events: stream.events.concat(fresh), lastSeq: last }, gap };
}

/**
 * Applies a `subscribe:run` acknowledgement or a `run:snapshot` message: with a snapshot it replaces
 * everything held; without one (a resume) it appends the missed events.
 */
export function applySubscription(stream: RunStream, subscription: RunSubscription): Applied {
  if (subscription.snapshot) {
    const base: RunStream = {
      runId: stream.runId,
      snapshot: subscription.snapshot,
      events: [],
      // The trace normally starts at seq 1; if the server kept only its tail, start from there.
      lastSeq: subscription.events.reduce(
        (min, e) => Math.min(min, e.seq - 1),
        subscription.events.length > 0 ? Infinity : 0,
      ),
      ...((subscription.graph ?? stream.graph) && { graph: subscription.graph ?? stream.graph }),
      ...((subscription.signals ?? stream.signals) && { signals: subscription.signals ?? stream.signals }),
    };
    return appendEvents(base, subscription.events);
  }
  return appendEvents(stream, subscription.events);
}

/** Replaces only the snapshot (for example a fresher one read over REST once the run ended). */
export function withSnapshot(stream: RunStream, snapshot: RunSnapshot): RunStream {
  return { ...stream, snapshot };
}
