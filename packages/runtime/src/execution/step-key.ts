/**
 * `runId:step[:index][#pass]`: the one name of a step (or forEach item) of a run in one loop pass, used as
 * its Bull job id, its `ctx.idempotencyKey` and the key of its running attempt in a worker. The pass is
 * added from a loop's second pass on, so keys outside loops are unchanged.
 */
export function stepKey(runId: string, step: string, index?: number, iteration?: number): string {
  const key = index === undefined ? `${runId}:${step}` : `${runId}:${step}:${index}`;
  return iteration !== undefined && iteration > 1 ? `${key}#${iteration}` : key;
}

/** The fields naming a step's event: the step, its forEach item and its loop pass (when past the first). */
export function eventAt(job: { step: string; index?: number; iteration?: number }): {
  step: string;
  index?: number;
  iteration?: number;
} {
  return {
    step: job.step,
    ...(job.index !== undefined && { index: job.index }),
    ...(job.iteration !== undefined && job.iteration > 1 && { iteration: job.iteration }),
  };
}
