import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DistributedModule } from './distributed.module.js';
import { settingsFromEnv } from './settings.js';

/** A worker process: takes steps from the queue until SIGTERM. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(DistributedModule.forRoot(settingsFromEnv(true)), {
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  process.stdout.write(`worker ${process.pid} ready\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
