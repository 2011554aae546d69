/**
 * What a transport reports about its own health: whether it can move runs now, and the facts behind it.
 * `up: false` comes with `reason`.
 */
export interface TransportHealth {
  /** Whether the transport can move runs now; when false, `reason` says why. */
  up: boolean;
  /** `memory` or `bull`. */
  transport: string;
  /** Why it is down. */
  reason?: string;
  /** Redis answered a PING within the check's time (bull). */
  redis?: 'reachable' | 'unreachable';
  /** Workers whose heartbeat is fresh (bull; heartbeats expire after 3 × `stalledIntervalMs`). */
  workers?: number;
  /** Steps waiting in the queue, delayed (timers, retries) and running (bull). */
  queue?: { waiting: number; delayed: number; active: number };
  /** Runs this process is moving (memory). */
  running?: number;
}
