import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { BatonClient } from '@baton/runtime';
import { AppModule } from './support-ticket.module.js';
import { awaitingApproval } from './awaiting-approval.js';
import { SAMPLE_TICKETS } from './sample-tickets.js';
import type { Reply } from './agents/ticket.types.js';

/**
 * Starts the sample tickets in parallel, approves (as the supervisor) the replies that wait for it, and
 * prints each run's path (step states) and output.
 */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  const client = app.get(BatonClient);
  const handles = await Promise.all(
    Object.entries(SAMPLE_TICKETS).map(async ([label, ticket]) => ({
      label,
      handle: await client.start<Reply>('support-ticket', ticket),
    })),
  );
  await Promise.all(
    handles.map(async ({ label, handle }) => {
      if (!(await awaitingApproval(client, handle.runId))) return;
      process.stdout.write(`[${label}] waits for a supervisor's approval: approving it with client.signal\n`);
      await client.signal(handle.runId, 'approval', { decision: 'approve', comment: 'Approved by the script.' });
    }),
  );
  for (const { label, handle } of handles) {
    // `unreadable` fails for good (the classifier finds no words): print its error instead of a reply.
    const outcome = await handle.result().then(
      (reply) => `reply: ${reply.body}`,
      (error: unknown) => `error: ${error instanceof Error ? error.message : String(error)}`,
    );
    const run = await client.getRun(handle.runId);
    const path = Object.values(run.steps)
      .map((s) => `${s.name}:${s.status}${s.attempts > 1 ? `×${s.attempts}` : ''}`)
      .join(' → ');
    process.stdout.write(
      `\n[${label}] run ${run.runId} ${run.status} in ${run.endedAt! - run.startedAt} ms\n  path:  ${path}\n  ${outcome}\n`,
    );
  }
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
