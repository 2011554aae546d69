/**
 * A worker process of the bull benchmarks, started by bench/bull-harness.mjs (never by hand).
 *
 * Environment:
 * - BULL_BENCH_MODE         'baton' (default): Baton's bull transport with worker: true and the bench
 *                           workflows; 'raw': a bare Bull queue whose processor adds the next job of a chain
 * - BULL_BENCH_REDIS        the private Redis URL
 * - BULL_BENCH_PREFIX       the key prefix of this measurement
 * - BULL_BENCH_CONCURRENCY  jobs processed at once (default 16)
 *
 * Talks to its parent over IPC: sends { type: 'ready' } once it takes jobs; in raw mode, batches of
 * { type: 'done', ids, ends } (finished chains, epoch ms) and { type: 'dispatch', samples } (ms between one
 * job's end and the next job's start). Stops (closing its queue, so a --cpu-prof profile is written) on
 * { type: 'stop' }, SIGTERM or when the parent goes away.
 */
import 'reflect-metadata';

const mode = process.env.BULL_BENCH_MODE ?? 'baton';
const url = process.env.BULL_BENCH_REDIS;
const prefix = process.env.BULL_BENCH_PREFIX ?? 'bench';
const concurrency = Number(process.env.BULL_BENCH_CONCURRENCY ?? 16);
if (!url) throw new Error('bench/bull-worker.mjs: set BULL_BENCH_REDIS (it is started by bench/bull-harness.mjs).');

/** Epoch milliseconds with sub-millisecond precision, comparable across processes on one machine. */
const preciseNow = () => performance.timeOrigin + performance.now();

async function startBaton() {
  const { NestFactory } = await import('@nestjs/core');
  const { Module } = await import('@nestjs/common');
  const { BatonModule } = await import('@baton/runtime');
  const { benchWorkflows } = await import('./bull-workflows.mjs');
  class AppModule {}
  Module({
    imports: [BatonModule.forRoot({ transport: 'bull', concurrency, bull: { redis: url, prefix, worker: true } })],
    providers: benchWorkflows,
  })(AppModule);
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  return () => app.close();
}

async function startRaw() {
  const { default: Bull } = await import('bull');
  const queue = new Bull('raw', { redis: url, prefix });
  let done = { ids: [], ends: [] };
  let samples = [];
  let flushing = false;
  const flush = () => {
    flushing = false;
    if (done.ids.length > 0) process.send?.({ type: 'done', ...done });
    if (samples.length > 0) process.send?.({ type: 'dispatch', samples });
    done = { ids: [], ends: [] };
    samples = [];
  };
  const later = () => {
    if (!flushing) {
      flushing = true;
      setImmediate(flush);
    }
  };
  // Job data: { id, left } plus, when latency is measured, { timed: true, prevEnd } (the previous job's
  // end), and { keep: true } to keep completed jobs (for the memory baseline).
  void queue.process(concurrency, async (job) => {
    const data = job.data;
    if (data.prevEnd !== undefined) {
      samples.push(preciseNow() - data.prevEnd);
      later();
    }
    if (data.left > 0) {
      const next = { id: data.id, left: data.left - 1, ...(data.keep && { keep: true }), ...(data.timed && { timed: true, prevEnd: preciseNow() }) };
      await queue.add(next, { removeOnComplete: !data.keep });
    } else {
      done.ids.push(data.id);
      done.ends.push(preciseNow());
      later();
    }
  });
  await queue.isReady();
  return () => queue.close();
}

const close = mode === 'raw' ? await startRaw() : await startBaton();
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await close().catch(() => undefined);
  process.exit(0);
};
process.on('message', (message) => {
  if (message?.type === 'stop') void stop();
});
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
process.send?.({ type: 'ready', pid: process.pid });
