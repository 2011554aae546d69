/**
 * A worker process of the bull benchmarks, started by bench/bull-harness.mjs (never by hand).
 *
 * Environment:
 * - BULL_BENCH_MODE         'baton' (default): Baton's bull transport with worker: true and the bench
 *                           workflows; 'raw': a bare Bull queue whose processor adds the next job of a chain
 *                           (or, for a job with `join`, DECRs the join counter and adds the join job at 0);
 *                           'bullmq': a BullMQ worker on queue 'mq' (chained jobs and FlowProducer flows)
 * - BULL_BENCH_REDIS        the private Redis URL
 * - BULL_BENCH_PREFIX       the key prefix of this measurement
 * - BULL_BENCH_CONCURRENCY  jobs processed at once (default 16)
 *
 * Talks to its parent over IPC: sends { type: 'ready' } once it takes jobs; in raw and bullmq modes, batches of
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

/** Batches of finished run ids and dispatch samples, sent to the parent once per turn of the event loop. */
function reporter() {
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
  return {
    done(id) {
      done.ids.push(id);
      done.ends.push(preciseNow());
      later();
    },
    sample(ms) {
      samples.push(ms);
      later();
    },
  };
}

async function startRaw() {
  const { default: Bull } = await import('bull');
  const queue = new Bull('raw', { redis: url, prefix });
  const report = reporter();
  // Job data: { id, left } plus, when latency is measured, { timed: true, prevEnd } (the previous job's
  // end), and { keep: true } to keep completed jobs (for the memory baseline). A fan-out child carries
  // { join: <counter key> }: the child that takes the counter to 0 deletes it and adds the join job.
  void queue.process(concurrency, async (job) => {
    const data = job.data;
    if (data.prevEnd !== undefined) report.sample(preciseNow() - data.prevEnd);
    if (data.join !== undefined) {
      if ((await queue.client.decr(data.join)) === 0) {
        await queue.client.del(data.join);
        await queue.add({ id: data.id, left: 0 }, { removeOnComplete: true });
      }
    } else if (data.left > 0) {
      const next = {
        id: data.id,
        left: data.left - 1,
        ...(data.keep && { keep: true }),
        ...(data.timed && { timed: true, prevEnd: preciseNow() }),
      };
      await queue.add(next, { removeOnComplete: !data.keep });
    } else {
      report.done(data.id);
    }
  });
  await queue.isReady();
  return () => queue.close();
}

/**
 * BullMQ on queue 'mq'. Job names: 'chain' ({ id, left }: adds the next 'chain' job until left is 0, then
 * reports the id), 'child' (a no-op flow child) and 'join' ({ id }: a flow's parent, run by BullMQ once
 * every child is done; it reads their values, as a join would, and reports the id).
 */
async function startBullMQ() {
  const { Queue, Worker } = await import('bullmq');
  const { hostname, port } = new URL(url);
  const connection = { host: hostname, port: Number(port), maxRetriesPerRequest: null };
  const queue = new Queue('mq', { connection, prefix });
  const report = reporter();
  const remove = { removeOnComplete: true, removeOnFail: true };
  const worker = new Worker(
    'mq',
    async (job) => {
      const data = job.data;
      if (job.name === 'child') return data.i;
      if (job.name === 'join') {
        const values = await job.getChildrenValues();
        report.done(data.id);
        return Object.keys(values).length;
      }
      if (data.left > 0) await queue.add('chain', { id: data.id, left: data.left - 1 }, remove);
      else report.done(data.id);
      return data.left;
    },
    { connection, prefix, concurrency },
  );
  await worker.waitUntilReady();
  await queue.waitUntilReady();
  return async () => {
    await worker.close();
    await queue.close();
  };
}

const close = mode === 'raw' ? await startRaw() : mode === 'bullmq' ? await startBullMQ() : await startBaton();
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
