import { stepKey } from '../../execution/step-key.js';

/** The data of one Bull job: a step, a forEach item, a forEach expansion, or a run's timeout. */
export interface StepJobData {
  kind: 'step' | 'expand' | 'timeout';
  runId: string;
  workflow: string;
  step?: string;
  index?: number;
  /** The loop pass (absent means 1). */
  iteration?: number;
  /**
   * The attempt number of the job's first attempt (Bull's `attemptsMade` counts on from it): above 1
   * when earlier attempts ran outside this job (a step a worker claimed, or handed back while draining).
   * @defaultValue 1
   */
  attempt?: number;
}

/**
 * `runId:step[:index][#pass]` (`:expand` for an expansion, `runId:timeout`): re-adding a job that still
 * exists is a no-op, and each loop pass has jobs of its own.
 */
export function jobIdOf(data: StepJobData): string {
  if (data.kind === 'timeout') return `${data.runId}:timeout`;
  if (data.kind === 'expand') return `${stepKey(data.runId, data.step!, undefined, data.iteration)}:expand`;
  return stepKey(data.runId, data.step!, data.index, data.iteration);
}
