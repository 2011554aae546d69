import 'reflect-metadata';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { BatonClient } from '@baton/runtime';
import { dashboardListenHost } from '@baton/dashboard';
import { SAMPLE_RESEARCH } from '@baton/example-research-agent';
import { DevAppModule } from './dev-app.module.js';
import { SAMPLE_TICKETS } from './sample-tickets.js';

/** The research runs fired at start-up: one approved on its second pass, one that hits the loop limit. */
const STARTUP_RESEARCH = [SAMPLE_RESEARCH.approvedOnPass2, SAMPLE_RESEARCH.neverGoodEnough];

/**
 * Starts the dev server: the support-ticket and research-agent examples with the dashboard, on PORT
 * (default 3000, or a free port if that one is taken), then fires the sample tickets and two research runs
 * so there is something to look at.
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
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/baton/${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  process.stdout.write(`\nBaton dev dashboard: ${url}\n`);
  process.stdout.write('Firing the sample tickets (one CRM lookup hangs: watch it time out, retry and fall back).\n');
  process.stdout.write(
    'Firing two research runs (a write-critique loop approved on pass 2, and one that hits its limit).\n',
  );
  process.stdout.write('Start more from the Workflows page, or run: npm run fire -w @baton/example-support-ticket\n\n');
  const client = app.get(BatonClient);
  for (const ticket of Object.values(SAMPLE_TICKETS)) await client.start('support-ticket', ticket);
  for (const research of STARTUP_RESEARCH) await client.start('research-agent', research);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
