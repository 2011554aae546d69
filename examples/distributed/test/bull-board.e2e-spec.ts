import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import type Bull from 'bull';
import { Redis } from 'ioredis';
import { BatonClient } from '@baton/runtime';
import { SAMPLE_TICKETS } from '@baton/example-support-ticket';
import { DistributedModule } from '../src/distributed.module.js';
import { QUEUE_BOARD_ROUTE } from '../src/queue-board.module.js';

/** The part of Bull Board's `GET <route>/api/queues` answer this test reads. */
interface BoardQueues {
  queues: Array<{ name: string; counts: Record<string, number> }>;
}

describe('the distributed app: Baton on the app BullModule.forRoot connection, with Bull Board', () => {
  const redisUrl = inject('redisUrl');
  const prefix = `test-${randomUUID()}`;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    // One process that is both API and worker; DistributedModule sets BullModule.forRoot({ redis }) and no bull.redis.
    app = await NestFactory.create(
      DistributedModule.forRoot({
        redisUrl,
        prefix,
        worker: true,
        lockDurationMs: 1_500,
        boardRoute: QUEUE_BOARD_ROUTE,
        health: true,
      }),
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await app?.close();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('runs a workflow without bull.redis: the step queue and the run store use the app connection', async () => {
    const reply = await app.get(BatonClient).execute('support-ticket', SAMPLE_TICKETS.billing);
    expect(reply).toMatchObject({ agent: 'billing' });
  });

  it('lets the app inject the step queue by its @nestjs/bull token', () => {
    const queue = app.get<Bull.Queue & { keyPrefix: string }>(getQueueToken('baton'));
    expect(queue.name).toBe('baton');
    expect(queue.keyPrefix).toBe(`${prefix}:bull`);
  });

  it("lists the step queue in Bull Board's HTTP API and serves its UI", async () => {
    const response = await fetch(`${base}${QUEUE_BOARD_ROUTE}/api/queues`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as BoardQueues;
    expect(body.queues.map((q) => q.name)).toEqual(['baton']);
    expect(body.queues[0].counts).toMatchObject({ active: 0, waiting: 0, failed: 0 });

    const page = await fetch(`${base}${QUEUE_BOARD_ROUTE}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('serves /health through @nestjs/terminus: Redis reachable, the worker seen, the queue depth', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      details: {
        baton: {
          status: 'up',
          transport: 'bull',
          redis: 'reachable',
          workers: 1,
          queue: { waiting: expect.any(Number), delayed: expect.any(Number), active: expect.any(Number) },
        },
      },
    });
  });
});
