import 'reflect-metadata';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { BatonClient } from '@baton/runtime';
import { dashboardListenHost } from '@baton/dashboard';
import { SAMPLE_RESEARCH } from '@baton/example-research-agent';
import { DevAppModule } from './dev-app.module.js';
import { approveCommand, awaitingApproval } from './awaiting-approval.js';
import { writeDevUrl } from './dev-url.js';
import { SAMPLE_TICKETS } from './sample-tickets.js';

/** The research runs fired at start-up: one approved on its second pass, one that hits the loop limit. */
const STARTUP_RESEARCH = [SAMPLE_RESEARCH.approvedOnPass2, SAMPLE_RESEARCH.neverGoodEnough];

/**
 * Starts the dev server: the support-ticket and research-agent examples with the dashboard, on PORT
 * (default 3000, or a free port if that one is taken), writes its URL for `npm run fire` (`.baton-dev-url`),
 * then fires the sample tickets and two research runs so there is something to look at, and prints how to approve the refund that waits for a supervisor.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create(DevAppModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  const token = process.env.BATON_TOKEN;
  const host = dashboardListenHost(token ? { token } : {});
  const wanted = Number(process.env.PORT ?? 3000);
  try {
    await app.listen(wanted, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    await app.listen(0, host);
  }
  const { port } = (app.getHttpServer() as Server).address() as { port: number };
  const origin = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  const url = `${origin}/baton/${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  // `npm run fire` reads this file, so it posts to this port even when 3000 was taken.
  writeDevUrl(`${origin}/baton`);
  process.stdout.write(`\nBaton dev dashboard: ${url}\n`);
  process.stdout.write(
    'Firing the sample tickets (one CRM lookup hangs: watch it time out, retry and fall back; one refund waits for approval;\n' +
      'one unreadable ticket fails for good: open it and rerun it).\n',
  );
  process.stdout.write(
    'Firing two research runs (a write-critique loop approved on pass 2, and one that hits its limit).\n',
  );
  process.stdout.write('Start more from the Workflows page, or run: npm run fire -w @baton/example-support-ticket\n\n');
  const client = app.get(BatonClient);
  const tickets: Array<[string, string]> = [];
  for (const [label, ticket] of Object.entries(SAMPLE_TICKETS))
    tickets.push([label, (await client.start('support-ticket', ticket)).runId]);
  for (const research of STARTUP_RESEARCH) await client.start('research-agent', research);
  for (const [label, runId] of tickets) void announceApproval(client, label, runId, `${origin}/baton/api`, !!token);
}

/** Once a sample's reply waits for a supervisor, says so and prints the command that approves it. */
async function announceApproval(
  client: BatonClient,
  label: string,
  runId: string,
  api: string,
  withToken: boolean,
): Promise<void> {
  if (!(await awaitingApproval(client, runId).catch(() => false))) return;
  process.stdout.write(
    `[${label}] waits for a supervisor's approval (escalated after 24 h). Its run page shows it waiting; approve it with:\n` +
      `  ${approveCommand(api, runId, withToken)}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
