import type { INestApplicationContext, Provider, Type } from '@nestjs/common';
import type { BatonClient } from '../../src/index.js';
import { bootApp } from './boot-app.js';

/** An app on the memory transport, the same shape as `BullApp`; `close()` stops it. */
export interface MemoryApp {
  app: INestApplicationContext;
  client: BatonClient;
  close(): Promise<void>;
}

export async function startMemoryApp(
  providers: Array<Type | Provider>,
  options: { concurrency?: number } = {},
): Promise<MemoryApp> {
  const { app, client } = await bootApp({ transport: 'memory', concurrency: options.concurrency ?? 8 }, providers);
  return { app, client, close: () => app.close() };
}
