/** The data of one Bull job: a step, a forEach item, a forEach expansion, or a run's timeout. */
export interface StepJobData {
  kind: 'step' | 'expand' | 'timeout';
  runId: string;
  workflow: string;
  step?: string;
  index?: number;
}

/** `runId:step[:index]` (plus `:expand` / `timeout`): re-adding a job that still exists is a no-op. */
export function jobIdOf(data: StepJobData): string {
  if (data.kind === 'timeout') return `${data.runId}:timeout`;
  if (data.kind === 'expand') return `${data.runId}:${data.step}:expand`;
  return data.index === undefined ? `${data.runId}:${data.step}` : `${data.runId}:${data.step}:${data.index}`;
}
