import type { ProgressEvent, RunSummary, TraceEvent } from '@baton/runtime';
import type { Observable, Subscription } from 'rxjs';
import type { Socket } from 'socket.io';
import { PROGRESS_BUFFER, RUNS_UPDATE_INTERVAL_MS } from '../protocol.js';
import type { RunListFilter } from './run-list-filter.js';

/** One run a client follows: events not yet sent, and the last seq it has. */
export interface RunFollow {
  /** The last seq the client holds; buffered events at or below it are dropped at flush. */
  lastSeq: number;
  /** False while the snapshot is being read: events are buffered, not sent. */
  ready: boolean;
  buffer: TraceEvent[];
}

/** One run whose step progress a client follows: the subscription to `client.progress` and what is not yet sent. */
interface ProgressFollow {
  subscription?: Subscription;
  buffer: ProgressEvent[];
}

/** What the gateway keeps per connected client. */
export class ClientChannel {
  /** The live run-list subscription's filters and total, when subscribed to page one. */
  runs?: RunListFilter;
  /** Whether the run list's total changed since the last flush (sent even when no listed run changed). */
  runsTotalChanged = false;
  /** When the last `runs:update` left (performance.now() ms). */
  private runsSentAt = Number.NEGATIVE_INFINITY;
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
  private readonly progress = new Map<string, ProgressFollow>();

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

  /**
   * Follows a run's progress (replacing an earlier follow of it, so its tail comes again): each event is
   * buffered, keeping only the latest {@link PROGRESS_BUFFER}, and `onEvent` schedules the flush.
   */
  followProgress(runId: string, source: Observable<ProgressEvent>, onEvent: () => void): void {
    this.unfollowProgress(runId);
    const follow: ProgressFollow = { buffer: [] };
    this.progress.set(runId, follow);
    follow.subscription = source.subscribe({
      next: (event) => {
        follow.buffer.push(event);
        if (follow.buffer.length > PROGRESS_BUFFER) follow.buffer.shift();
        onEvent();
      },
      // Progress is best effort: a failing source ends the follow, never the gateway.
      error: () => this.progress.delete(runId),
    });
  }

  /** Stops following a run's progress. */
  unfollowProgress(runId: string): void {
    this.progress.get(runId)?.subscription?.unsubscribe();
    this.progress.delete(runId);
  }

  /** Stops following every run's progress (the client left). */
  close(): void {
    for (const runId of [...this.progress.keys()]) this.unfollowProgress(runId);
  }

  /**
   * Sends everything buffered: list updates (at most one per {@link RUNS_UPDATE_INTERVAL_MS}), each
   * followed run's new events (above its `lastSeq`) and progress, and the firehose's batch. Returns the
   * ms until held-back list updates are due, or 0 when none are held back.
   */
  send(now: number): number {
    const { socket } = this;
    let held = 0;
    if (!this.runs) {
      this.runUpdates.clear();
      this.runsTotalChanged = false;
    } else if (this.runUpdates.size > 0 || this.runsTotalChanged) {
      const due = this.runsSentAt + RUNS_UPDATE_INTERVAL_MS - now;
      if (due > 0) held = due;
      else {
        socket.emit('runs:update', { runs: [...this.runUpdates.values()], total: this.runs.total });
        this.runUpdates.clear();
        this.runsTotalChanged = false;
        this.runsSentAt = now;
      }
    }
    for (const [runId, follow] of this.follows) {
      if (!follow.ready || follow.buffer.length === 0) continue;
      const events = follow.buffer.filter((e) => e.seq > follow.lastSeq);
      follow.buffer = [];
      if (events.length === 0) continue;
      follow.lastSeq = events.at(-1)!.seq;
      socket.emit('run:events', { runId, events });
    }
    this.sendProgress();
    if (this.traceBuffer.length > 0 || this.traceLost > 0) {
      socket.emit('trace:events', { events: this.traceBuffer, ...(this.traceLost > 0 && { lost: this.traceLost }) });
      this.traceBuffer = [];
      this.traceLost = 0;
    }
    this.buffered = 0;
    return held;
  }

  /** Sends the buffered progress of every followed run, one `run:progress` per run. */
  private sendProgress(): void {
    for (const [runId, follow] of this.progress) {
      if (follow.buffer.length === 0) continue;
      this.socket.emit('run:progress', { runId, events: follow.buffer });
      follow.buffer = [];
    }
  }
}
