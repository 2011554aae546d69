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
  const env = { ...process.env, BULL_BENCH_MODE: mode, BULL_BENCH_REDIS: url, BULL_BENCH_PREFIX: prefix, BULL_BENCH_CONCURRENCY: String(concurrency) };
  const workers = await Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, [...execArgv, WORKER], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`bench worker ${child.pid} did not report ready within 30 s`)), 30_000);
        const early = (code) => reject(new Error(`bench worker ${child.pid} exited with code ${code} before it was ready`));
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
      if (event.type !== 'run.succeeded') throw new Error(`bench run ${handle.runId} of ${workflow} ended with ${event.type}`);
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
  const waiters = new Map();
  const dispatch = [];
  return {
    dispatch,
    onWorkerMessage(message) {
      if (message.type === 'dispatch') dispatch.push(...message.samples);
      if (message.type !== 'done') return;
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
    /**
     * Adds `width` chains of `length` jobs under one id and resolves with the epoch ms (precise) at which
     * the last one finished. `timed` stamps each job so workers report dispatch latency; `keep` keeps
     * completed jobs (removeOnComplete: false).
     */
    async run(id, { length = 1, width = 1, timed = false, keep = false }) {
      const done = new Promise((resolve) => waiters.set(id, { left: width, resolve }));
      const data = { id, left: length - 1, ...(timed && { timed: true }), ...(keep && { keep: true }) };
      await Promise.all(Array.from({ length: width }, () => queue.add(data, { removeOnComplete: !keep })));
      return done;
    },
    close: () => queue.close(),
  };
}

/** Statistics of the private Redis, read on a connection of our own. */
export function redisStats(url) {
  const redis = new Redis(url);
  const section = async (name) => {
    const text = await redis.info(name);
    return text.split('\r\n').filter((line) => line && !line.startsWith('#'));
  };
  const usedMemory = async () => Number((await section('memory')).find((l) => l.startsWith('used_memory:')).split(':')[1]);
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

/** Prints rows as an aligned table. */
export function printTable(rows) {
  const cell = (v) => (v === undefined ? '' : typeof v === 'boolean' ? (v ? 'yes' : 'NO') : String(v));
  const header = ['section', 'metric', 'value', 'unit', 'baseline', 'baseline name', 'ratio', 'target', 'met'];
  const body = rows.map((r) => [r.section, r.metric, r.value, r.unit, r.baseline, r.baselineName, r.ratio, r.target, r.met].map(cell));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${body.map(line).join('\n')}\n`);
}
