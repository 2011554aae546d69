import type { CoordinatorEvent } from '../coordinator/coordinator-event.js';
import type { ErrorInfo, UsageTotals } from '../coordinator/run-snapshot.js';
import type { Type } from '@baton/sdk';
import type { RegisteredWorkflow } from '../discovery/registered-workflow.js';

/** One execution of a step (or of one forEach item) as a transport hands it to the executor. */
export interface StepJob {
  workflow: RegisteredWorkflow;
  runId: string;
  step: string;
  /** The forEach item's index. */
  index?: number;
  /** The forEach item. */
  item?: unknown;
  /** The loop pass (absent means 1). */
  iteration?: number;
  /** For a step with `@WaitFor`: the payload of the signal it took (validated when it was sent). */
  received?: unknown;
  /** For a join that tolerates failures: each failed dependency's error, by name. */
  failures?: Readonly<Record<string, ErrorInfo>>;
  input: unknown;
  /** Outputs of the run's settled steps, by name. */
  results: Readonly<Record<string, unknown>>;
  /** Aborted when the run ends before the step does; the executor then reports nothing more. */
  signal: AbortSignal;
  /** Receives every event of the step, in order; `error` is the original thrown value, when there is one. */
  report(event: CoordinatorEvent, error?: unknown): void;
  /** Receives `ctx.progress(data)` of the step (ephemeral: not a coordinator event, not stored). */
  progress?(data: unknown): void;
}

/** What the executor needs from its transport. */
export interface ExecutionHooks {
  /** Starts a child run linked to `parent`, resolves with its output, and cancels it if `signal` aborts. */
  runChild: ChildRunner;
  /** Bounds concurrent attempts; released while a step waits for a child run or a retry delay. */
  slots: { acquire(): Promise<void>; release(): void };
  /** The clock (epoch ms). */
  now(): number;
  /** Random numbers in [0, 1) for jitter. */
  random: () => number;
  /** Names this process in `step.started` events (`host:pid`), when steps run in several processes. */
  workerId?: string;
}

/** How a transport starts child runs (`ctx.run`): provided by the client, which validates input. */
export type ChildRunner = (
  parent: { runId: string; step: string },
  workflow: Type | string,
  input: unknown,
  signal: AbortSignal,
  onStarted?: (child: { runId: string; workflow: string }) => void,
  /** Called once the child has ended (whatever its outcome) with what it spent, so the parent's budget counts it. */
  onSpent?: (usage: UsageTotals) => void,
) => Promise<unknown>;
