import { Module, type Provider, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { BatonClient, BatonModule } from '../../src/index.js';

/** An app on the memory transport, the same shape as `BullApp`; `close()` stops it. */
export interface MemoryApp {
  app: INestApplicationContext;
  client: BatonClient;
  close(): Promise<void>;
}

export async function startMemoryApp(providers: Array<Type | Provider>, options: { concurrency?: number } = {}): Promise<MemoryApp> {
  @Module({
    imports: [BatonModule.forRoot({ transport: 'memory', concurrency: options.concurrency ?? 8 })],
    providers,
  })
  class App {}
  const app = await NestFactory.createApplicationContext(App, { logger: false });
  await app.init();
  return {
    app,
    client: app.get(BatonClient),
    close: () => app.close(),
  };
}
