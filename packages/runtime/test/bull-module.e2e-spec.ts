import { randomUUID } from 'node:crypto';
import { Injectable, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BullModule, InjectQueue, getQueueToken, type BullRootModuleOptions } from '@nestjs/bull';
import type Bull from 'bull';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { Step, Workflow, type StepContext } from '@baton/sdk';
import { BatonClient, BatonModule, BullConnectionMissingError, TransportDeclarationError } from '../src/index.js';

@Workflow({ name: 'greet' })
class GreetWorkflow {
  @Step() hello(ctx: StepContext<{ name: string }>) {
    return `hello ${ctx.input.name}`;
  }
  @Step() shout(ctx: StepContext<unknown, { hello: string }>) {
    return { text: ctx.results.hello.toUpperCase(), pid: process.pid };
  }
}

/** What Bull keeps on a queue without declaring it in its types. */
type QueueInternals = Bull.Queue & { keyPrefix: string; settings: Bull.AdvancedSettings };

/** An app provider that injects Baton's step queue the way any app would. */
@Injectable()
class QueueUser {
  constructor(@InjectQueue('baton') readonly queue: QueueInternals) {}
}

const redisUrl = inject('redisUrl');
const { hostname, port } = new URL(redisUrl);
const fast = { lockDurationMs: 2_000, stalledIntervalMs: 1_000 };

describe('the bull step queue registered through @nestjs/bull', () => {
  let app: INestApplicationContext | undefined;
  let prefix: string;

  async function boot(
    imports: DynamicModule[],
    providers: Array<new (...args: never[]) => object> = [],
  ): Promise<INestApplicationContext> {
    @Module({ imports, providers: [GreetWorkflow, ...providers] })
    class App {}
    app = await NestFactory.createApplicationContext(App, { logger: false, abortOnError: false });
    return app;
  }

  afterEach(async () => {
    await app?.close();
    app = undefined;
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it.each<[string, () => BullRootModuleOptions]>([
    ['redis as a URL', () => ({ redis: redisUrl })],
    ['redis as ioredis options', () => ({ redis: { host: hostname, port: Number(port) } })],
    ['url', () => ({ url: redisUrl })],
  ])(
    'reuses the app BullModule.forRoot connection (%s) when bull.redis is left out, and lets the app inject the queue',
    async (_label, shared) => {
      prefix = `test-${randomUUID()}`;
      const ctx = await boot(
        [
          BullModule.forRoot({ ...shared(), prefix: 'app-prefix' }),
          BatonModule.forRoot({ transport: 'bull', bull: { prefix, ...fast } }),
        ],
        [QueueUser],
      );
      await expect(ctx.get(BatonClient).execute('greet', { name: 'ada' })).resolves.toEqual({
        text: 'HELLO ADA',
        pid: process.pid,
      });

      const queue = ctx.get<QueueInternals>(getQueueToken('baton'));
      expect(ctx.get(QueueUser).queue).toBe(queue);
      // Baton's prefix and settings replace the app's for this queue; the connection is the app's.
      expect(queue.keyPrefix).toBe(`${prefix}:bull`);
      expect(queue.settings).toMatchObject({ lockDuration: 2_000, stalledInterval: 1_000, maxStalledCount: 100 });
      expect(queue.settings.backoffStrategies?.baton).toBeTypeOf('function');
      const redis = new Redis(redisUrl);
      expect(await redis.exists(`${prefix}:bull:baton:id`)).toBe(1);
      redis.disconnect();
    },
  );

  it('uses the BullModule.forRoot configuration named by bull.configKey, under its own queue name', async () => {
    prefix = `test-${randomUUID()}`;
    const ctx = await boot([
      BullModule.forRoot('baton-redis', { redis: redisUrl }),
      BatonModule.forRoot({
        transport: 'bull',
        bull: { prefix, configKey: 'baton-redis', queueName: 'steps', ...fast },
      }),
    ]);
    await expect(ctx.get(BatonClient).execute('greet', { name: 'bo' })).resolves.toMatchObject({ text: 'HELLO BO' });
    expect(ctx.get<QueueInternals>(getQueueToken('steps')).keyPrefix).toBe(`${prefix}:bull`);
  });

  it('prefers bull.redis over the app connection, whole (the app forRoot url points nowhere)', async () => {
    prefix = `test-${randomUUID()}`;
    const ctx = await boot([
      BullModule.forRoot({ url: 'redis://127.0.0.1:1' }),
      BatonModule.forRoot({ transport: 'bull', bull: { redis: redisUrl, prefix, ...fast } }),
    ]);
    await expect(ctx.get(BatonClient).execute('greet', { name: 'cy' })).resolves.toMatchObject({ text: 'HELLO CY' });
  });

  it('works with BullModule.forRootAsync and BatonModule.forRootAsync (the queue declared up front)', async () => {
    prefix = `test-${randomUUID()}`;
    const ctx = await boot(
      [
        BullModule.forRootAsync({ useFactory: async () => ({ redis: redisUrl }) }),
        BatonModule.forRootAsync({ bull: {}, useFactory: async () => ({ bull: { prefix, ...fast } }) }),
      ],
      [QueueUser],
    );
    await expect(ctx.get(BatonClient).execute('greet', { name: 'di' })).resolves.toMatchObject({ text: 'HELLO DI' });
    expect(ctx.get(QueueUser).queue.keyPrefix).toBe(`${prefix}:bull`);
  });

  it('fails start-up with BullConnectionMissingError when there is neither bull.redis nor BullModule.forRoot', async () => {
    prefix = `test-${randomUUID()}`;
    const error = await boot([BatonModule.forRoot({ transport: 'bull', bull: { prefix } })]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BullConnectionMissingError);
    expect(error).toMatchObject({ code: 'BULL_CONNECTION_MISSING' });
    expect((error as Error).message).toContain(
      'bull.redis is not set and the app has no BullModule.forRoot({ redis }) configuration',
    );
  });

  it('names the missing configKey, also from forRootAsync', async () => {
    prefix = `test-${randomUUID()}`;
    const error = await boot([
      BullModule.forRoot({ redis: redisUrl }),
      BatonModule.forRootAsync({ bull: { configKey: 'other' }, useFactory: () => ({ bull: { prefix } }) }),
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BullConnectionMissingError);
    expect(error).toMatchObject({ code: 'BULL_CONNECTION_MISSING', configKey: 'other' });
    expect((error as Error).message).toContain("BullModule.forRoot('other', { redis })");
  });

  it('fails start-up with TransportDeclarationError when a forRootAsync factory picks bull without declaring it', async () => {
    prefix = `test-${randomUUID()}`;
    const error = await boot([
      BatonModule.forRootAsync({ useFactory: () => ({ transport: 'bull', bull: { redis: redisUrl, prefix } }) }),
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportDeclarationError);
    expect(error).toMatchObject({ code: 'TRANSPORT_DECLARATION' });
    expect((error as Error).message).toContain(
      "BatonModule.forRootAsync({ bull: { queueName: 'baton' }, useFactory })",
    );
  });

  it('fails start-up when the forRootAsync factory names another queue than the declared one', async () => {
    prefix = `test-${randomUUID()}`;
    const error = await boot([
      BullModule.forRoot({ redis: redisUrl }),
      BatonModule.forRootAsync({ bull: {}, useFactory: () => ({ bull: { prefix, queueName: 'elsewhere' } }) }),
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportDeclarationError);
    expect((error as Error).message).toContain('bull.queueName "elsewhere"');
  });
});
