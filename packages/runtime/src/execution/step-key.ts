/**
 * `runId:step[:index]`: the one name of a step (or forEach item) of a run, used as its Bull job id, its
 * `ctx.idempotencyKey` and the key of its running attempt in a worker.
 */
export function stepKey(runId: string, step: string, index?: number): string {
  return index === undefined ? `${runId}:${step}` : `${runId}:${step}:${index}`;
}
