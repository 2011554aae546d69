import type { ErrorInfo } from '../../coordinator/run-snapshot.js';
import { stepKey } from '../../execution/step-key.js';

/**
 * The data of one Bull job: a step, a forEach item, a forEach expansion, a run's timeout, or the timer of
 * a waiting step (its signal's timeout or its delay, as a delayed job: nothing in any process's memory).
 */
export interface StepJobData {
  kind: 'step' | 'expand' | 'timeout' | 'timer';
  runId: string;
  workflow: string;
  step?: string;
  index?: number;
  /** The loop pass (absent means 1). */
  iteration?: number;
  /** For a timer job: which. */
  timer?: 'timeout' | 'delay';
  /** For a timer: when it is due (epoch ms), so a timer enqueued again after it was lost keeps its time. */
  until?: number;
  /** For a delay timer whose length a `@Delay` function computes: the worker computes it, then waits. */
  compute?: boolean;
  /** For a step job of a wait that timed out: the failure to settle (its fallback may recover). */
  failWith?: ErrorInfo;
  /**
   * The attempt number of the job's first attempt (Bull's `attemptsMade` counts on from it): above 1
   * when earlier attempts ran outside this job (a step a worker claimed, or handed back while draining).
   * @defaultValue 1
   */
  attempt?: number;
  /**
   * For a step job Bull retries after a backoff: when the retry is due (epoch ms), written by the worker
   * whose attempt failed (Bull keeps no such time); the next attempt's queue wait counts from it.
   */
  readyAt?: number;
}

/**
 * `runId:step[:index][#pass]` (`:expand` for an expansion, `runId:timeout`): re-adding a job that still
 * exists is a no-op, and each loop pass has jobs of its own.
 */
export function jobIdOf(data: StepJobData): string {
  if (data.kind === 'timeout') return `${data.runId}:timeout`;
  if (data.kind === 'timer')
    return `${stepKey(data.runId, data.step!, undefined, data.iteration)}:${data.timer}${data.compute ? ':compute' : ''}`;
  if (data.kind === 'expand') return `${stepKey(data.runId, data.step!, undefined, data.iteration)}:expand`;
  return stepKey(data.runId, data.step!, data.index, data.iteration);
}
