import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { BatonClient } from '@baton/runtime';
import { ResearchAppModule } from './research-agent.module.js';
import { runResearchSamples } from './run-research.js';

/** Runs the sample research inputs in-process and prints each run's path, usage and article (or error). */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ResearchAppModule, { logger: ['error', 'warn'] });
  try {
    const reports = await runResearchSamples(app.get(BatonClient));
    process.stdout.write(`\n${reports.join('\n\n')}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
