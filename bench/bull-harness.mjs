/**
 * Shared pieces of the bull benchmarks: worker child processes, the API process's Baton app, a raw Bull
 * producer, Redis statistics and a windowed load driver.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { BatonClient, BatonModule } from '@baton/runtime';
import Bull from 'bull';
import { Redis } from 'ioredis';
import { benchWorkflows } from './bull-workflows.mjs';

const WORKER = fileURLToPath(new URL('./bull-worker.mjs', import.meta.url));

/** Epoch milliseconds with sub-millisecond precision, comparable across processes on one machine. */
export const preciseNow = () => performance.timeOrigin + performance.now();

/**
 * Starts `count` worker processes (`node bench/bull-worker.mjs`) and resolves once each takes jobs.
 * With BULL_BENCH_CPU_PROF=<dir> in the environment, workers run with `--cpu-prof` into that folder.
 * `onMessage` receives the raw workers' IPC messages.
 */
export async function startWorkers(count, { mode, url, prefix, concurrency, onMessage = () => undefined }) {
  const profDir = process.env.BULL_BENCH_CPU_PROF;
  const execArgv = profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [];
  const env = {
    ...process.env,
    BULL_BENCH_MODE: mode,
    BULL_BENCH_REDIS: url,
    BULL_BENCH_PREFIX: prefix,
    BULL_BENCH_CONCURRENCY: String(concurrency),
  };
  const workers = await Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, [...execArgv, WORKER], {
        env,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`bench worker ${child.pid} did not report ready within 30 s`)),
          30_000,
        );
        const early = (code) =>
          reject(new Error(`bench worker ${child.pid} exited with code ${code} before it was ready`));
        child.once('exit', early);
        child.on('message', (message) => {
          if (message?.type !== 'ready') return onMessage(message);
          clearTimeout(timer);
          child.off('exit', early);
          resolve(child);
        });
      });
    }),
  );
  return {
    pids: workers.map((w) => w.pid),
    /** Asks every worker to close its queue and exit; kills one that has not exited after 10 s. */
    stop: () =>
      Promise.all(
        workers.map(
          (child) =>
            new Promise((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              if (child.connected) child.send({ type: 'stop' });
              else child.kill('SIGTERM');
            }),
        ),
      ),
  };
}

/**
 * Boots the API process's Baton (bull transport, worker: false) and follows finished runs through the
 * trace-event stream (no extra Redis command per run). `finished(runId)` resolves with the run's final
 * event and the precise local time it arrived.
 */
export async function startApi({ url, prefix, concurrency }) {
  class AppModule {}
  Module({
    imports: [BatonModule.forRoot({ transport: 'bull', concurrency, bull: { redis: url, prefix, worker: false } })],
    providers: benchWorkflows,
  })(AppModule);
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  const client = app.get(BatonClient);
  const waiters = new Map();
  const early = new Map();
  const subscription = client.events().subscribe((event) => {
    if (event.type !== 'run.succeeded' && event.type !== 'run.failed' && event.type !== 'run.cancelled') return;
    const outcome = { event, at: preciseNow() };
    const waiter = waiters.get(event.runId);
    if (waiter) {
      waiters.delete(event.runId);
      waiter(outcome);
    } else early.set(event.runId, outcome);
  });
  return {
    client,
    finished(runId) {
      const known = early.get(runId);
      if (known) {
        early.delete(runId);
        return Promise.resolve(known);
      }
      return new Promise((resolve) => waiters.set(runId, resolve));
    },
    /** Starts a run and resolves once it has finished; rejects if it did not succeed. */
    async execute(workflow, input) {
      const handle = await client.start(workflow, input);
      const { event } = await this.finished(handle.runId);
      if (event.type !== 'run.succeeded')
        throw new Error(`bench run ${handle.runId} of ${workflow} ended with ${event.type}`);
      return handle.runId;
    },
    async close() {
      subscription.unsubscribe();
      await app.close();
    },
  };
}

/**
 * A raw Bull producer on queue 'raw' (processed by raw workers). Chains are `{ id, left }` jobs: a worker
 * adds the next job until `left` is 0 and reports the chain's id over IPC, which `onWorkerMessage` receives.
 */
export function rawProducer({ url, prefix }) {
  const queue = new Bull('raw', { redis: url, prefix });
  const tracker = doneTracker();
  const dispatch = [];
  return {
    dispatch,
    onWorkerMessage(message) {
      if (message.type === 'dispatch') dispatch.push(...message.samples);
      tracker.onWorkerMessage(message);
    },
    /**
     * Adds `width` chains of `length` jobs under one id and resolves with the epoch ms (precise) at which
     * the last one finished. `timed` stamps each job so workers report dispatch latency; `keep` keeps
     * completed jobs (removeOnComplete: false).
     */
    async run(id, { length = 1, width = 1, timed = false, keep = false }) {
      const done = tracker.expect(id, width);
      const data = { id, left: length - 1, ...(timed && { timed: true }), ...(keep && { keep: true }) };
      await Promise.all(Array.from({ length: width }, () => queue.add(data, { removeOnComplete: !keep })));
      return done;
    },
    /**
     * A hand-rolled fan-out + join on bare Bull: sets a counter to `width`, adds `width` jobs; each one
     * DECRs the counter after its work and the one that reaches 0 deletes it and adds the join job (see
     * bench/bull-worker.mjs). Resolves with the epoch ms (precise) at which the join job finished.
     * `width + 1` jobs per run; children's outputs are not passed to the join.
     */
    async fanJoin(id, { width = 10 }) {
      const done = tracker.expect(id, 1);
      const counter = `${prefix}:bench-join:${id}`;
      await queue.client.set(counter, width);
      await Promise.all(
        Array.from({ length: width }, () => queue.add({ id, left: 0, join: counter }, { removeOnComplete: true })),
      );
      return done;
    },
    close: () => queue.close(),
  };
}

/**
 * Waiters for runs that worker processes report finished over IPC as batches of
 * `{ type: 'done', ids, ends }`: `expect(id, n)` resolves with the epoch ms of the n-th report of `id`.
 */
export function doneTracker() {
  const waiters = new Map();
  return {
    expect(id, count) {
      return new Promise((resolve) => waiters.set(id, { left: count, resolve }));
    },
    onWorkerMessage(message) {
      if (message?.type !== 'done') return;
      message.ids.forEach((id, i) => {
        const waiter = waiters.get(id);
        if (!waiter) return;
        waiter.left -= 1;
        if (waiter.left === 0) {
          waiters.delete(id);
          waiter.resolve(message.ends[i]);
        }
      });
    },
  };
}

/** ioredis connection options for BullMQ from a `redis://host:port` URL (BullMQ workers need `maxRetriesPerRequest: null`). */
export function bullmqConnection(url) {
  const { hostname, port } = new URL(url);
  return { host: hostname, port: Number(port), maxRetriesPerRequest: null };
}

/**
 * A BullMQ producer on queue 'mq' (processed by workers in 'bullmq' mode, bench/bull-worker.mjs):
 * `chain` adds the first job of a chain whose worker adds job i+1 when job i is done; `flow` adds a
 * FlowProducer flow of `width` children and one parent (the join, which reads its children's values).
 */
export async function bullmqProducer({ url, prefix }) {
  const { FlowProducer, Queue } = await import('bullmq');
  const connection = bullmqConnection(url);
  const queue = new Queue('mq', { connection, prefix });
  const flows = new FlowProducer({ connection, prefix });
  await queue.waitUntilReady();
  const tracker = doneTracker();
  const remove = { removeOnComplete: true, removeOnFail: true };
  return {
    onWorkerMessage: (message) => tracker.onWorkerMessage(message),
    /** Resolves with the epoch ms (precise) at which the chain's last job finished. */
    async chain(id, { length = 10 }) {
      const done = tracker.expect(id, 1);
      await queue.add('chain', { id, left: length - 1 }, remove);
      return done;
    },
    /** Resolves with the epoch ms (precise) at which the parent (join) job finished. */
    async flow(id, { width = 10 }) {
      const done = tracker.expect(id, 1);
      await flows.add({
        name: 'join',
        queueName: 'mq',
        data: { id },
        opts: remove,
        children: Array.from({ length: width }, (_, i) => ({
          name: 'child',
          queueName: 'mq',
          data: { i },
          opts: remove,
        })),
      });
      return done;
    },
    async close() {
      await flows.close();
      await queue.close();
    },
  };
}

/** Statistics of the private Redis, read on a connection of our own. */
export function redisStats(url) {
  const redis = new Redis(url);
  const section = async (name) => {
    const text = await redis.info(name);
    return text.split('\r\n').filter((line) => line && !line.startsWith('#'));
  };
  const usedMemory = async () =>
    Number((await section('memory')).find((l) => l.startsWith('used_memory:')).split(':')[1]);
  return {
    redis,
    /** Total command calls so far (`INFO commandstats`), leaving out the INFO calls of this reader. */
    async commands() {
      let total = 0;
      for (const line of await section('commandstats')) {
        const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
        if (match && match[1] !== 'info') total += Number(match[2]);
      }
      return total;
    },
    /** Calls per command name, for a breakdown. */
    async commandsByName() {
      const calls = {};
      for (const line of await section('commandstats')) {
        const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
        if (match && match[1] !== 'info') calls[match[1]] = Number(match[2]);
      }
      return calls;
    },
    /** `used_memory`, in bytes. */
    usedMemory,
    /** Samples `used_memory` every `everyMs` until `stop()`, which resolves with the peak in bytes. */
    peakSampler(everyMs = 50) {
      let peak = 0;
      let stopped = false;
      const loop = (async () => {
        while (!stopped) {
          peak = Math.max(peak, await usedMemory());
          await new Promise((resolve) => setTimeout(resolve, everyMs));
        }
      })();
      return {
        async stop() {
          stopped = true;
          await loop;
          peak = Math.max(peak, await usedMemory());
          return peak;
        },
      };
    },
    close: () => redis.quit(),
  };
}

/**
 * Measures one load: steps per second, Redis commands per step (INFO commandstats delta over all
 * processes / steps, per command name too) and the used_memory delta. `drive()` resolves with the
 * elapsed milliseconds.
 */
export async function measure(stats, steps, drive) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  const [commands0, memory0, byName0] = [
    await stats.commands(),
    await stats.usedMemory(),
    await stats.commandsByName(),
  ];
  const ms = await drive();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const [commands1, memory1, byName1] = [
    await stats.commands(),
    await stats.usedMemory(),
    await stats.commandsByName(),
  ];
  const perStep = {};
  for (const [name, calls] of Object.entries(byName1)) {
    const delta = calls - (byName0[name] ?? 0);
    if (delta > 0) perStep[name] = Math.round((delta / steps) * 100) / 100;
  }
  return {
    rate: (steps / ms) * 1000,
    commandsPerStep: (commands1 - commands0) / steps,
    memoryBytes: memory1 - memory0,
    perStep,
    ms,
  };
}

/**
 * Runs `fn(i)` for i in 0..total-1 with at most `window` calls in flight (a sustained load rather than one
 * burst) and resolves with the elapsed milliseconds.
 */
export async function windowed(total, window, fn) {
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < total) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(window, total) }, lane));
  return performance.now() - started;
}

export { printTable } from './print-table.mjs';

/**
 * Runs `measure(api)` against a private Redis with `workers` Baton worker processes × `concurrency` and
 * an API app (worker: false), warmed with 20 runs of `bench-chain10`; stops everything afterwards.
 */
export async function withBullCluster({ name, workers: count, concurrency }, measure) {
  const { startRedisServer } = await import('@baton/runtime/testing');
  const server = await startRedisServer();
  const prefix = `bench-${name}-${process.pid}`;
  let workers;
  let api;
  try {
    workers = await startWorkers(count, { mode: 'baton', url: server.url, prefix, concurrency });
    api = await startApi({ url: server.url, prefix, concurrency });
    for (let i = 0; i < 20; i++) await api.execute('bench-chain10', {});
    return await measure(api);
  } finally {
    await api?.close();
    await workers?.stop();
    await server.stop();
  }
}
