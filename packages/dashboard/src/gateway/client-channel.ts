import type { RunQuery, RunSummary, TraceEvent } from '@baton/runtime';
import type { Socket } from 'socket.io';

/** One run a client follows: events not yet sent, and the last seq it has. */
export interface RunFollow {
  /** The last seq the client holds; buffered events at or below it are dropped at flush. */
  lastSeq: number;
  /** False while the snapshot is being read: events are buffered, not sent. */
  ready: boolean;
  buffer: TraceEvent[];
}

/** What the gateway keeps per connected client. */
export class ClientChannel {
  /** The live run-list subscription's filters, when subscribed to page one. */
  runs?: { workflow?: string; status?: RunQuery['status'] };
  readonly follows = new Map<string, RunFollow>();
  /** Whether the client gets every run's events. */
  trace = false;
  traceBuffer: TraceEvent[] = [];
  /** Events of the firehose dropped because the client was too slow, reported with the next batch. */
  traceLost = 0;
  readonly runUpdates = new Map<string, RunSummary>();
  /** Runs whose backlog was dropped: they get a fresh snapshot once the client keeps up. */
  readonly resync = new Set<string>();
  buffered = 0;

  constructor(readonly socket: Socket) {}

  /** Packets waiting in the socket's transport buffer: a measure of how far behind the client is. */
  get backlog(): number {
    const conn = this.socket.conn as unknown as { writeBuffer?: unknown[] };
    return conn.writeBuffer?.length ?? 0;
  }

  /** Drops every buffered event, marking followed runs for a fresh snapshot. */
  overflow(): void {
    for (const [runId, follow] of this.follows) {
      if (follow.buffer.length > 0) {
        follow.buffer = [];
        this.resync.add(runId);
      }
    }
    this.traceLost += this.traceBuffer.length;
    this.traceBuffer = [];
    this.buffered = 0;
  }
}
