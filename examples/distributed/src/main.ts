import 'reflect-metadata';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { BatonClient } from '@baton/runtime';
import { startRedisServer } from '@baton/runtime/testing';
import { awaitingApproval, SAMPLE_TICKETS } from '@baton/example-support-ticket';
import { DistributedModule } from './distributed.module.js';
import { QUEUE_BOARD_ROUTE } from './queue-board.module.js';
import { startTelemetry } from './telemetry.js';
import { startWorker } from './worker-pool.js';

/**
 * One command for the whole picture: Redis (BATON_REDIS_URL, or a private redis-server started here),
 * WORKERS worker processes (default 2), and this process as the API (worker: false) serving Bull Board at
 * /queues, its health at /health and its metrics at /metrics on PORT (default: a free port; each worker serves
 * its own /metrics and /health, see worker.ts). It runs the sample tickets (approving the one that waits for a
 * supervisor) and prints, for each step, the process that ran it; with SERVE=1 it then keeps serving Bull
 * Board and the metrics until Ctrl-C.
 */
async function main(): Promise<void> {
  // First thing: Baton records through @opentelemetry/api, and keeps nothing until a meter provider is registered.
  const telemetry = startTelemetry();
  const own = process.env.BATON_REDIS_URL ? undefined : await startRedisServer();
  const redisUrl = process.env.BATON_REDIS_URL ?? own!.url;
  const prefix = process.env.BATON_PREFIX ?? `baton-demo-${process.pid}`;
  const count = Number(process.env.WORKERS ?? 2);
  const workers = await Promise.all(
    Array.from({ length: count }, () => startWorker({ BATON_REDIS_URL: redisUrl, BATON_PREFIX: prefix })),
  );
  process.stdout.write(
    `Redis ${redisUrl}, prefix ${prefix}; API process ${process.pid}; workers ${workers.map((w) => w.pid).join(', ')}\n`,
  );
  const api = await NestFactory.create(
    DistributedModule.forRoot({
      redisUrl,
      prefix,
      worker: false,
      boardRoute: QUEUE_BOARD_ROUTE,
      health: true,
      metrics: telemetry.exporter,
    }),
    { logger: ['error', 'warn'] },
  );
  await api.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  const { port } = (api.getHttpServer() as Server).address() as { port: number };
  process.stdout.write(`Bull Board: http://localhost:${port}${QUEUE_BOARD_ROUTE}\n`);
  process.stdout.write(`Health: http://localhost:${port}/health\n`);
  // Runs started here are counted here; steps (their durations and queue waits) and most run ends in the workers.
  process.stdout.write(
    `Metrics: http://localhost:${port}/metrics ${workers.map((w) => `${w.url}/metrics`).join(' ')}\n`,
  );
  const client = api.get(BatonClient);
  try {
    const runs = await Promise.all(
      Object.entries(SAMPLE_TICKETS).map(async ([label, ticket]) => ({
        label,
        handle: await client.start('support-ticket', ticket),
      })),
    );
    // The large refund waits for a supervisor (holding only its Redis state): this process approves it.
    await Promise.all(
      runs.map(async ({ label, handle }) => {
        if (!(await awaitingApproval(client, handle.runId))) return;
        process.stdout.write(`[${label}] waits for approval; approving it from the API process\n`);
        await client.signal(handle.runId, 'approval', { decision: 'approve' });
      }),
    );
    for (const { label, handle } of runs) {
      // The `unreadable` sample fails for good (its classifier finds no words): its status below says so.
      await handle.result().catch(() => undefined);
      const trace = await client.trace(handle.runId);
      const where = trace
        .flatMap((e) => (e.type === 'step.started' ? [e] : []))
        .map((e) => `${e.step}#${e.attempt}@${e.data?.worker.split(':').at(-1) ?? '?'}`);
      const run = await client.getRun(handle.runId);
      process.stdout.write(`[${label}] ${run.status} in ${run.endedAt! - run.startedAt} ms: ${where.join(' ')}\n`);
    }
    if (process.env.SERVE === '1') {
      process.stdout.write('Serving Bull Board, /health and /metrics until Ctrl-C.\n');
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    await api.close();
    await Promise.all(workers.map((w) => w.stop()));
    await own?.stop();
    await telemetry.shutdown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
