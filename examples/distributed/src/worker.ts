import 'reflect-metadata';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { DistributedModule } from './distributed.module.js';
import { settingsFromEnv } from './settings.js';
import { startTelemetry } from './telemetry.js';

/**
 * A worker process: takes steps from the queue until SIGTERM. It runs steps, so their metrics (step duration,
 * queue wait, most run ends) are recorded here: it serves its own `GET /metrics` and `GET /health` on
 * WORKER_PORT (default: a free port) and names its URL in its `ready` line.
 */
async function main(): Promise<void> {
  const telemetry = startTelemetry();
  const app = await NestFactory.create(
    DistributedModule.forRoot({ ...settingsFromEnv(true), health: true, metrics: telemetry.exporter }),
    { logger: ['error', 'warn'] },
  );
  app.enableShutdownHooks();
  await app.listen(Number(process.env.WORKER_PORT ?? 0), process.env.WORKER_HOST ?? '127.0.0.1');
  const { address, port } = (app.getHttpServer() as Server).address() as { address: string; port: number };
  process.stdout.write(`worker ${process.pid} ready on http://${address}:${port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
