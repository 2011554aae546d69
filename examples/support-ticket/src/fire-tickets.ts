import type { RunSnapshot } from '@baton/runtime';
import { approveCommand, awaitingApproval, type RunReader } from './awaiting-approval.js';
import { resolveBatonUrl } from './dev-url.js';
import { SAMPLE_TICKETS } from './sample-tickets.js';

/**
 * Posts the sample tickets to a running dev server's REST API (`BATON_URL`, else the URL `npm run dev` wrote
 * to `.baton-dev-url`, else http://127.0.0.1:3000/baton), then prints how to approve the ones that wait for a
 * supervisor.
 */
async function main(): Promise<void> {
  const base = resolveBatonUrl();
  process.stdout.write(`Posting the sample tickets to ${base}\n`);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (process.env.BATON_TOKEN) headers.authorization = `Bearer ${process.env.BATON_TOKEN}`;
  const started: Array<[string, string]> = [];
  for (const [label, ticket] of Object.entries(SAMPLE_TICKETS)) {
    const response = await fetch(`${base}/api/workflows/support-ticket/runs`, {
      method: 'POST',
      headers,
      body: JSON.stringify(ticket),
    });
    const body = (await response.json()) as { runId?: string; error?: { message: string } };
    process.stdout.write(`${label}: ${response.status} ${body.runId ?? body.error?.message}\n`);
    if (body.runId) started.push([label, body.runId]);
  }
  const api: RunReader = {
    getRun: async (runId) => (await (await fetch(`${base}/api/runs/${runId}`, { headers })).json()) as RunSnapshot,
  };
  for (const [label, runId] of started) {
    if (!(await awaitingApproval(api, runId))) continue;
    process.stdout.write(
      `${label} waits for approval: ${approveCommand(`${base}/api`, runId, !!headers.authorization)}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
