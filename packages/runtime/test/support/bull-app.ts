import { randomUUID } from 'node:crypto';
import type { INestApplicationContext, Provider, Type } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { BatonClient } from '../../src/index.js';
import { bootApp } from './boot-app.js';

/** An app on the bull transport with a random key prefix; `close()` stops it and deletes its keys. */
export interface BullApp {
  app: INestApplicationContext;
  client: BatonClient;
  prefix: string;
  close(): Promise<void>;
}

export async function startBullApp(
  redisUrl: string,
  providers: Array<Type | Provider>,
  options: { worker?: boolean; prefix?: string } = {},
): Promise<BullApp> {
  const prefix = options.prefix ?? `test-${randomUUID()}`;
  const { app, client } = await bootApp(
    {
      transport: 'bull',
      concurrency: 8,
      bull: {
        redis: redisUrl,
        prefix,
        worker: options.worker ?? true,
        lockDurationMs: 2_000,
        stalledIntervalMs: 1_000,
      },
    },
    providers,
  );
  return {
    app,
    client,
    prefix,
    async close() {
      await app.close();
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
