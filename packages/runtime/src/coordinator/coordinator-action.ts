import type { ErrorInfo, RunStatus } from './run-snapshot.js';

/**
 * What the coordinator asks a transport to do. A transport performs every action of a transition, in
 * order, and reports what happens as coordinator events.
 */
export type CoordinatorAction =
  /**
   * Run the step (all its attempts, timeouts and fallback); for a forEach item, `index` is set. With
   * `failWith` (a wait that timed out), run no attempt: settle that failure (its `@Fallback` may recover).
   */
  | { type: 'run-step'; step: string; index?: number; iteration?: number; failWith?: ErrorInfo }
  /**
   * Fire `step.wait-expired` for a waiting step after `ms` (its signal's timeout, or its delay). A delay
   * without `ms` is computed by the transport from the step's `@Delay` function.
   */
  | { type: 'start-timer'; step: string; iteration?: number; timer: 'timeout' | 'delay'; ms?: number }
  /** Evaluate a forEach step's item function and report `step.expanded` with the count. */
  | { type: 'expand'; step: string; iteration?: number }
  /** Abort the running step (or item) through its signal; its late result will be ignored. */
  | { type: 'abort-step'; step: string; index?: number; iteration?: number; reason: ErrorInfo }
  /** The run has ended: settle whoever awaits it and release its resources. */
  | { type: 'finish'; status: Exclude<RunStatus, 'running'>; output?: unknown; error?: ErrorInfo };
