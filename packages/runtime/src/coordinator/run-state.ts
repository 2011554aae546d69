import type { RunSnapshot, StepSnapshot } from './run-snapshot.js';

/** Bookkeeping of a forEach step's items. */
export interface ItemsState {
  /** How many items there are. */
  count: number;
  /** How many items have been scheduled. */
  scheduled: number;
  /** How many items are settled (succeeded or recovered). */
  settled: number;
  /** Indexes of items running now. */
  running: number[];
  /** Item outputs by index. */
  outputs: unknown[];
  /** How many items failed, when failures are tolerated (every dependent has `join: 'allSettled'` or `'any'`). */
  failed?: number;
}

/** A step's state inside the coordinator: its snapshot plus item bookkeeping. */
export interface StepState extends StepSnapshot {
  /** Present on a forEach step once its items are known. */
  itemsState?: ItemsState;
}

/**
 * A run's whole state: the snapshot clients see, plus the coordinator's counters. Plain JSON, so the
 * `bull` transport can keep it in Redis.
 */
export interface RunState extends Omit<RunSnapshot, 'steps'> {
  steps: Record<string, StepState>;
  /** The seq of the last trace event emitted. */
  seq: number;
  /**
   * The run's OpenTelemetry span context as a W3C `traceparent`, set when a recording span was started for
   * it, so a worker in another process parents its step spans on it.
   */
  traceparent?: string;
}
