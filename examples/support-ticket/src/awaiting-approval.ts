import type { RunSnapshot } from '@baton/runtime';

/** Where {@link awaitingApproval} reads a run from: a `BatonClient`, or the REST API (`GET /baton/api/runs/:id`). */
export interface RunReader {
  getRun(runId: string): Promise<Pick<RunSnapshot, 'status' | 'steps'>>;
}

/**
 * Resolves `true` once the run's `approval` step waits for its signal, `false` once it does not (it was
 * skipped or already answered, or the run ended). Polls `runs.getRun`, so it works from any process.
 *
 * @throws Error when neither happened within `timeoutMs`
 */
export async function awaitingApproval(runs: RunReader, runId: string, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await runs.getRun(runId);
    const status = run.steps.approval?.status;
    if (status === 'waiting') return true;
    if (run.status !== 'running' || (status !== 'pending' && status !== undefined)) return false;
    if (Date.now() > deadline) throw new Error(`run ${runId}: approval still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The curl command that approves a waiting run through the REST API at `api` (e.g.
 * `http://127.0.0.1:3000/baton/api`); with `withToken`, it sends `$BATON_TOKEN` as a bearer token.
 */
export function approveCommand(api: string, runId: string, withToken = false): string {
  const auth = withToken ? ` -H "authorization: Bearer $BATON_TOKEN"` : '';
  return `curl -X POST ${api}/runs/${runId}/signals/approval -H 'content-type: application/json'${auth} -d '{"decision":"approve"}'`;
}
