import { stepKey } from '../../execution/step-key.js';

/** The data of one Bull job: a step, a forEach item, a forEach expansion, or a run's timeout. */
export interface StepJobData {
  kind: 'step' | 'expand' | 'timeout';
  runId: string;
  workflow: string;
  step?: string;
  index?: number;
  /**
   * The attempt number of the job's first attempt (Bull's `attemptsMade` counts on from it): above 1
   * when earlier attempts ran outside this job (a step a worker claimed, or handed back while draining).
   * @defaultValue 1
   */
  attempt?: number;
}

/** `runId:step[:index]` (plus `:expand` / `timeout`): re-adding a job that still exists is a no-op. */
export function jobIdOf(data: StepJobData): string {
  if (data.kind === 'timeout') return `${data.runId}:timeout`;
  if (data.kind === 'expand') return `${data.runId}:${data.step}:expand`;
  return stepKey(data.runId, data.step!, data.index);
}
