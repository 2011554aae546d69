import type { SerializedError } from '@baton/sdk';

/** A run's status. `running` until it ends exactly once in one of the other three. */
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

/**
 * A step's status. The last four are terminal. `waiting`: ready, but waiting for a signal (`@WaitFor`) or
 * a delay (`@Delay`); it holds no worker slot meanwhile.
 */
export type StepStatus = 'pending' | 'waiting' | 'running' | 'succeeded' | 'recovered' | 'failed' | 'skipped';

/** What a `waiting` step waits for: a signal, or the end of a delay; `until` is when it stops waiting (epoch ms). */
export interface WaitingFor {
  /** The signal's name (`@WaitFor`). */
  signal?: string;
  /** True for a `@Delay`. */
  delay?: true;
  /** When the wait ends: the signal's timeout, or the delay's end. Absent when unbounded (or not yet known). */
  until?: number;
}

/** A signal received and not yet taken by a waiting step (they are taken in arrival order, per name). */
export interface PendingSignal {
  /** The payload as sent (`null` when none was given). */
  payload: unknown;
  /** When it was received (epoch ms). */
  at: number;
}

/** An error as stored and sent: its class name and message (plus `code`, `stack` and a cancel `reason` when known). */
export type ErrorInfo = SerializedError;

/** One step of a {@link RunSnapshot}. Times are epoch milliseconds. */
export interface StepSnapshot {
  /** The step's name (its method name). */
  name: string;
  /** The step's status (in its current loop pass, for a step in a loop). */
  status: StepStatus;
  /** Attempts started so far (for a forEach step, across all items). */
  attempts: number;
  /** When its first attempt (or first item) started (epoch ms); absent until then. */
  startedAt?: number;
  /** When it reached a terminal status (epoch ms); absent until then. */
  endedAt?: number;
  /**
   * What it returned (or its fallback's value; for a forEach step, the item outputs in order). Absent until
   * it ends; kept into later loop passes.
   */
  output?: unknown;
  /** Its latest error: why it failed, or what it is retrying after or recovered from. Cleared when it succeeds. */
  error?: ErrorInfo;
  /**
   * Why the step was skipped: `route`, `upstream`, `superseded` (a `join: 'any'` went on without it),
   * `stopped`, `cancelled`, `failed`, `timeout`, `budget`.
   */
  skipReason?: string;
  /** For a forEach step: how many items it has, once known. */
  items?: number;
  /** The process (`host:pid`) that started its latest attempt, when steps run in several processes. */
  worker?: string;
  /** For a `waiting` step: what it waits for, and until when. */
  waitingFor?: WaitingFor;
  /** For a `@WaitFor` step that took its signal: the payload (its `ctx.received`). */
  received?: unknown;
  /** For a step in a loop body: the pass it is in (or last ran in), from 1. */
  iteration?: number;
  /** What the step spent (`ctx.usage`), summed over its attempts, passes and items. */
  usage?: UsageTotals;
}

/** Amounts spent, by counter (`tokens`, `costUsd`, your own; for a run also `steps`, its step executions). */
export type UsageTotals = Record<string, number>;

/** The state of a run as `BatonClient.getRun` returns it. Times are epoch milliseconds. */
export interface RunSnapshot {
  /** The run's id (a UUID). */
  runId: string;
  /** The registered name of the run's workflow. */
  workflow: string;
  /** `running`, or how the run ended. */
  status: RunStatus;
  /** The input it was started with, after validation against the workflow's input class (if it has one). */
  input: unknown;
  /** The run's output, once it has succeeded. */
  output?: unknown;
  /** Why the run failed or was cancelled; absent otherwise. */
  error?: ErrorInfo;
  /** For a child run: the run whose step started it. */
  parentRunId?: string;
  /** For a rerun: the run it reruns. */
  rerunOf?: string;
  /** When the run started (epoch ms). */
  startedAt: number;
  /** When the run ended (epoch ms); absent while it is running. */
  endedAt?: number;
  /**
   * The version of the workflow graph the run executes under: a hash of the graph, unless
   * `@Workflow({ version })` sets a label.
   */
  version: string;
  /** What the run spent: `steps` executed, and every counter its steps reported (children included). */
  usage?: UsageTotals;
  /** How many steps are waiting (for a signal or a delay), when the workflow has waits. */
  waiting?: number;
  /** Signals received that no step has taken yet, by name, oldest first. */
  signals?: Record<string, PendingSignal[]>;
  /** Every step of the workflow, by name. */
  steps: Record<string, StepSnapshot>;
}
