import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { BatonClient, type TraceEvent } from '@baton/runtime';
import { DistributedModule } from '../src/distributed.module.js';
import { startWorker, type WorkerProcess } from '../src/worker-pool.js';

// Helpers of the durability specs: an API process and real worker processes on one Redis, bounded waits.

/** The pid in a step.started event's `worker` (`host:pid`). */
export const pidOf = (event: TraceEvent): number =>
  Number(event.type === 'step.started' ? event.data?.worker.split(':').at(-1) : undefined);

/** Polls `probe` until it returns true, or fails after `ms`. */
export async function until(probe: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves as `promise` does, or fails after `ms`, naming `what` it waited for. */
export async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Kills a worker process with SIGKILL (no drain, no shutdown hooks) and resolves once it has exited. */
export async function sigkill(worker: WorkerProcess): Promise<void> {
  const { child } = worker;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await within(10_000, exited, `worker ${worker.pid} to exit`);
}

/** An API process (worker: false) and worker processes on one Redis and a fresh prefix. */
export class Cluster {
  readonly prefix = `test-${randomUUID()}`;
  workers: WorkerProcess[] = [];
  api?: INestApplicationContext;

  constructor(readonly redisUrl: string) {}

  get client(): BatonClient {
    return this.api!.get(BatonClient);
  }

  async worker(extra: Record<string, string> = {}): Promise<WorkerProcess> {
    const worker = await startWorker({
      BATON_REDIS_URL: this.redisUrl,
      BATON_PREFIX: this.prefix,
      BATON_LOCK_MS: '30000',
      ...extra,
    });
    this.workers.push(worker);
    return worker;
  }

  async open(): Promise<BatonClient> {
    this.api = await NestFactory.createApplicationContext(
      DistributedModule.forRoot({
        redisUrl: this.redisUrl,
        prefix: this.prefix,
        worker: false,
        lockDurationMs: 30_000,
      }),
      { logger: false },
    );
    return this.client;
  }

  async close(): Promise<void> {
    await this.api?.close();
    await Promise.all(this.workers.map((w) => w.stop()));
    const redis = new Redis(this.redisUrl, { maxRetriesPerRequest: 1 });
    const keys = await redis.keys(`${this.prefix}:*`).catch(() => []);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}
