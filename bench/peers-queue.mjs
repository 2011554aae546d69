/**
 * Queue peers: Baton on the `bull` transport against raw Bull and BullMQ, on one private Redis (started
 * here and stopped at the end), each with 2 worker processes × 16 concurrency and this process as the
 * producer, as in bench/distributed.mjs.
 *
 * Peers (root devDependencies, bench only): bull 4.16.5 (Baton's own dependency), bullmq 6.7.0 (the newest
 * release; engines node >= 14.18, so it runs on Node 20).
 *
 * Workloads:
 * - 10-step chain. Baton `bench-chain10`; raw Bull: a processor that adds job i+1 when job i is done
 *   (the baseline of distributed.mjs); BullMQ chained jobs: the same with a BullMQ Worker and Queue.add.
 * - 10-wide fan-out + join (11 steps per run). Baton `bench-fan10-join` (a parallel group of 10, then a join
 *   step); BullMQ flow: FlowProducer.add of a parent with 10 children, the parent runs once all are done
 *   and reads their values (getChildrenValues); raw Bull: 10 jobs and a counter, the child that DECRs it to
 *   0 adds the join job (outputs are not passed).
 *
 * Figures: throughput (steps/s; runs started with a window of runs in flight after a warm-up, best of 2),
 * latency per run p50 (one run at a time, start → last step done; for Baton, client.start() → its
 * run.succeeded event received by this process, for the peers, add → the worker's end stamp), and Redis
 * commands per step (INFO commandstats delta over all processes during the throughput load / steps).
 * Ratios are Baton / peer. Run alone: `node bench/peers-queue.mjs`; BULL_BENCH_SCALE=0.2 shrinks counts.
 */
import { pathToFileURL } from 'node:url';
import { startRedisServer } from '@baton/runtime/testing';
import { percentile, round } from './lib.mjs';
import {
  bullmqProducer,
  measure,
  preciseNow,
  printTable,
  rawProducer,
  redisStats,
  startApi,
  startWorkers,
  windowed,
} from './bull-harness.mjs';

const SECTION = '7. queue peers (bull, 2 workers)';
const WORKERS = 2;
const CONCURRENCY = 16;
const SCALE = Number(process.env.BULL_BENCH_SCALE ?? 1);
const count = (n) => Math.max(10, Math.round(n * SCALE));
const LATENCY_RUNS = count(60);
/** Throughput trials per shape; the fastest is kept, with its command counts (as bench/distributed.mjs). */
const TRIALS = 2;
/** Bounds one phase: a peer or Baton that stops finishing runs fails the module instead of hanging it. */
const PHASE_DEADLINE_MS = 90_000;

const SHAPES = [
  { key: 'chain', label: '10-step chain', steps: 10, runs: count(1000), window: 64, workflow: 'bench-chain10' },
  {
    key: 'fan',
    label: '10-wide fan-out + join',
    steps: 11,
    runs: count(500),
    window: 32,
    workflow: 'bench-fan10-join',
  },
];

/** What each system runs per shape: `start(id)` resolves with the precise epoch ms at which the run ended. */
const PEERS = {
  raw: {
    name: 'raw Bull 4.16.5',
    shapes: { chain: 'processor adds next job', fan: '10 jobs + DECR counter, last adds join job' },
  },
  bullmq: {
    name: 'BullMQ 6.7.0',
    shapes: { chain: 'chained jobs (worker adds next)', fan: 'FlowProducer: 10 children + parent' },
  },
};

/**
 * Runs `body(defer)` with a deadline; whatever it `defer`s (closing producers, stopping workers) runs when it
 * ends or when the deadline passes, so a system that stops finishing runs fails the module instead of hanging
 * it, and leaves no process behind.
 */
async function phase(what, body) {
  const cleanups = [];
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`bench peers-queue: ${what} did not finish within ${PHASE_DEADLINE_MS / 1000} s`)),
      PHASE_DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([body((fn) => cleanups.push(fn)), late]);
  } finally {
    clearTimeout(timer);
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
  }
}

/** Throughput under load and latency one run at a time, for one system: `runs[shape.key](id)` starts a run and resolves with its end time. */
async function measureSystem(stats, runs, tag) {
  const result = {};
  let id = 0;
  for (const shape of SHAPES) {
    const start = runs[shape.key];
    await windowed(count(200), shape.window, () => start(`${tag}w${id++}`));
    let load;
    for (let trial = 0; trial < TRIALS; trial++) {
      const result = await measure(stats, shape.runs * shape.steps, () =>
        windowed(shape.runs, shape.window, () => start(`${tag}r${id++}`)),
      );
      if (!load || result.rate > load.rate) load = result;
    }
    const latency = [];
    for (let i = 0; i < LATENCY_RUNS; i++) {
      const t0 = preciseNow();
      latency.push((await start(`${tag}l${id++}`)) - t0);
    }
    result[shape.key] = { ...load, latencyP50: percentile(latency, 50) };
  }
  return result;
}

async function rawPhase(url, stats, defer) {
  const prefix = `bench-peer-raw-${process.pid}`;
  const producer = rawProducer({ url, prefix });
  defer(() => producer.close());
  const workers = await startWorkers(WORKERS, {
    mode: 'raw',
    url,
    prefix,
    concurrency: CONCURRENCY,
    onMessage: (m) => producer.onWorkerMessage(m),
  });
  defer(() => workers.stop());
  return measureSystem(
    stats,
    { chain: (id) => producer.run(id, { length: 10 }), fan: (id) => producer.fanJoin(id, { width: 10 }) },
    'raw',
  );
}

async function bullmqPhase(url, stats, defer) {
  const prefix = `bench-peer-mq-${process.pid}`;
  const producer = await bullmqProducer({ url, prefix });
  defer(() => producer.close());
  const workers = await startWorkers(WORKERS, {
    mode: 'bullmq',
    url,
    prefix,
    concurrency: CONCURRENCY,
    onMessage: (m) => producer.onWorkerMessage(m),
  });
  defer(() => workers.stop());
  return measureSystem(
    stats,
    { chain: (id) => producer.chain(id, { length: 10 }), fan: (id) => producer.flow(id, { width: 10 }) },
    'mq',
  );
}

async function batonPhase(url, stats, defer) {
  const prefix = `bench-peer-baton-${process.pid}`;
  const workers = await startWorkers(WORKERS, { mode: 'baton', url, prefix, concurrency: CONCURRENCY });
  defer(() => workers.stop());
  const api = await startApi({ url, prefix, concurrency: CONCURRENCY });
  defer(() => api.close());
  const execute = async (workflow) => {
    const { runId } = await api.client.start(workflow, {});
    const { event, at } = await api.finished(runId);
    if (event.type !== 'run.succeeded')
      throw new Error(`bench peers-queue: run ${runId} of ${workflow} ended with ${event.type}`);
    return at;
  };
  return measureSystem(stats, Object.fromEntries(SHAPES.map((s) => [s.key, () => execute(s.workflow)])), 'baton');
}

function rowsOf(results) {
  const rows = [];
  const where = `${WORKERS} workers x ${CONCURRENCY}`;
  for (const shape of SHAPES) {
    const baton = results.baton[shape.key];
    for (const [key, peer] of Object.entries(PEERS)) {
      const other = results[key][shape.key];
      const name = `${peer.name}, ${peer.shapes[shape.key]}`;
      rows.push(
        {
          section: SECTION,
          metric: `${shape.label}, ${where}: throughput (${shape.runs} runs, ${shape.window} in flight, best of ${TRIALS}) vs ${peer.name}`,
          value: round(baton.rate, 0),
          unit: 'steps/s',
          baseline: round(other.rate, 0),
          baselineName: `${name} steps/s`,
          ratio: round(baton.rate / other.rate, 3),
        },
        {
          section: SECTION,
          metric: `${shape.label}, ${where}: latency per run p50, one run at a time (${LATENCY_RUNS} runs) vs ${peer.name}`,
          value: round(baton.latencyP50, 2),
          unit: 'ms',
          baseline: round(other.latencyP50, 2),
          baselineName: name,
          ratio: round(baton.latencyP50 / other.latencyP50, 2),
        },
        {
          section: SECTION,
          metric: `${shape.label}, ${where}: Redis commands per step (INFO commandstats, all processes) vs ${peer.name}`,
          value: round(baton.commandsPerStep, 1),
          unit: 'cmds/step',
          baseline: round(other.commandsPerStep, 1),
          baselineName: name,
          ratio: round(baton.commandsPerStep / other.commandsPerStep, 2),
        },
      );
    }
  }
  return rows;
}

/** Last run's per-command breakdowns (calls per step by command name), printed when run directly. */
export let details;

/** @returns {Promise<import('./row.mjs').BenchRow[]>} */
export async function run() {
  const server = await startRedisServer();
  const stats = redisStats(server.url);
  const results = {};
  try {
    results.raw = await phase('raw Bull', (defer) => rawPhase(server.url, stats, defer));
    results.bullmq = await phase('BullMQ', (defer) => bullmqPhase(server.url, stats, defer));
    results.baton = await phase('Baton on bull', (defer) => batonPhase(server.url, stats, defer));
  } finally {
    await stats.close();
    await server.stop();
  }
  details = Object.fromEntries(
    Object.entries(results).map(([system, r]) => [
      system,
      Object.fromEntries(SHAPES.map((s) => [s.key, r[s.key].perStep])),
    ]),
  );
  return rowsOf(results);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  printTable(await run());
  if (process.env.BULL_BENCH_DETAILS) process.stdout.write(`${JSON.stringify(details, null, 1)}\n`);
  process.stdout.write(`(${round((performance.now() - started) / 1000, 1)} s)\n`);
}
