/**
 * §2 distributed throughput, §3 dispatch latency and the Redis half of §5 (memory), on the `bull`
 * transport against raw Bull on the same private Redis with the same concurrency.
 *
 * Processes: a private redis-server, 1 or 2 worker processes (bench/bull-worker.mjs: Baton with
 * worker: true, or a bare Bull queue), and this process as the producer (Baton with worker: false, or a
 * bare Bull queue that only adds). Run alone: `node bench/distributed.mjs` prints a table.
 * BULL_BENCH_SCALE=0.2 shrinks every count (for a quick try); BULL_BENCH_CPU_PROF=<dir> profiles workers.
 */
import { pathToFileURL } from 'node:url';
import { startRedisServer } from '@baton/runtime/testing';
import { percentile, round } from './lib.mjs';
import {
  measure,
  preciseNow,
  printTable,
  rawProducer,
  redisStats,
  startApi,
  startWorkers,
  windowed,
} from './bull-harness.mjs';

const SECTION2 = '2. distributed throughput (bull)';
const SECTION3 = '3. dispatch latency (bull)';
const SECTION5 = '5. memory (Redis, bull)';
const CONCURRENCY = 16;
const SCALE = Number(process.env.BULL_BENCH_SCALE ?? 1);
const count = (n) => Math.max(10, Math.round(n * SCALE));

/** The three load shapes: steps per run, how many runs, how many runs in flight. */
const SHAPES = [
  {
    key: 'independent',
    baseline: 'raw Bull, 1 job per run',
    label: 'independent 1-step runs',
    workflow: 'bench-one',
    length: 1,
    width: 1,
    runs: count(5000),
    window: 256,
  },
  {
    key: 'chain',
    baseline: 'raw Bull 10-job chains (processor adds next)',
    label: '10-step sequential',
    workflow: 'bench-chain10',
    length: 10,
    width: 1,
    runs: count(1000),
    window: 64,
    target: 0.6,
  },
  {
    key: 'fan',
    baseline: 'raw Bull, 10 jobs added at once per run',
    label: '10-wide fan-out',
    workflow: 'bench-fan10',
    length: 1,
    width: 10,
    runs: count(500),
    window: 32,
    target: 0.5,
  },
];
const LATENCY_RATE = 50;
const LATENCY_MS = Math.max(2000, Math.round(10_000 * SCALE));
const MEMORY_RUNS = SHAPES[1].runs;
/** Throughput trials per shape; the fastest is kept (this machine's run-to-run noise is about ±20 %). */
const TRIALS = 2;

/** Runs `trial()` TRIALS times and keeps the fastest (the same rule for Baton and raw Bull). */
async function best(trial) {
  let kept;
  for (let i = 0; i < TRIALS; i++) {
    const result = await trial();
    if (!kept || result.rate > kept.rate) kept = result;
  }
  return kept;
}

/** Fires `fn(i)` at a steady rate for `durationMs` and resolves with every result. */
async function steady(ratePerS, durationMs, fn) {
  const total = Math.round((ratePerS * durationMs) / 1000);
  const started = performance.now();
  const pending = [];
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / ratePerS - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(fn(i));
  }
  return Promise.all(pending);
}

/** Raw Bull: the same shapes as bare jobs (chains: each job's processor adds the next). */
async function rawPhase(url, stats, workerCount, results) {
  const prefix = `bench-raw-${workerCount}w-${process.pid}`;
  const producer = rawProducer({ url, prefix });
  const workers = await startWorkers(workerCount, {
    mode: 'raw',
    url,
    prefix,
    concurrency: CONCURRENCY,
    onMessage: (m) => producer.onWorkerMessage(m),
  });
  let id = 0;
  try {
    await windowed(count(1000), 128, () => producer.run(`warm${id++}`, { length: 2 }));
    for (const shape of SHAPES) {
      const steps = shape.runs * shape.length * shape.width;
      results[workerCount][shape.key].raw = await best(() =>
        measure(stats, steps, () =>
          windowed(shape.runs, shape.window, () =>
            producer.run(`r${id++}`, { length: shape.length, width: shape.width }),
          ),
        ),
      );
    }
    if (workerCount === 2) {
      results.memory.raw = await measure(stats, MEMORY_RUNS * 10, () =>
        windowed(MEMORY_RUNS, 64, () => producer.run(`k${id++}`, { length: 10, keep: true })),
      );
      producer.dispatch.length = 0;
      const e2e = await steady(LATENCY_RATE, LATENCY_MS, async () => {
        const started = preciseNow();
        return (await producer.run(`l${id++}`, { length: 3, timed: true })) - started;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      results.latency.raw = { dispatch: [...producer.dispatch], e2e };
    }
  } finally {
    await workers.stop();
    await producer.close();
  }
}

/** Baton on bull: the same shapes as workflows started by this process (worker: false). */
async function batonPhase(url, stats, workerCount, results) {
  const prefix = `bench-baton-${workerCount}w-${process.pid}`;
  const workers = await startWorkers(workerCount, { mode: 'baton', url, prefix, concurrency: CONCURRENCY });
  const api = await startApi({ url, prefix, concurrency: CONCURRENCY });
  try {
    await windowed(count(500), 64, () => api.execute('bench-chain3', {}));
    for (const shape of SHAPES) {
      const steps = shape.runs * shape.length * shape.width;
      results[workerCount][shape.key].baton = await best(() =>
        measure(stats, steps, () => windowed(shape.runs, shape.window, () => api.execute(shape.workflow, {}))),
      );
    }
    if (workerCount === 2) {
      // Every 10-step run of the measurement above is kept (finishedRunTtlMs: 7 days): the kept trial's
      // used_memory delta is §5's figure.
      results.memory.baton = results[2].chain.baton;
      const timed = await steady(LATENCY_RATE, LATENCY_MS, async () => {
        const started = preciseNow();
        const { runId } = await api.client.start('bench-chain3', {});
        const { event, at } = await api.finished(runId);
        if (event.type !== 'run.succeeded') throw new Error(`latency run ${runId} ended with ${event.type}`);
        return { runId, observed: at - started };
      });
      const dispatch = [];
      const e2e = [];
      for (const { runId } of timed) {
        const trace = await api.client.trace(runId);
        const at = (type, step) => trace.find((e) => e.type === type && e.step === step)?.ts;
        dispatch.push(
          at('step.started', 's1') - at('step.succeeded', 's0'),
          at('step.started', 's2') - at('step.succeeded', 's1'),
        );
        e2e.push(trace.find((e) => e.type === 'run.succeeded').ts - trace.find((e) => e.type === 'run.started').ts);
      }
      results.latency.baton = { dispatch, e2e, observed: timed.map((t) => t.observed) };
    }
  } finally {
    await api.close();
    await workers.stop();
  }
}

function rowsOf(results) {
  const rows = [];
  const cmp = (value, baseline) => round(value / baseline, 2);
  for (const workerCount of [1, 2]) {
    for (const shape of SHAPES) {
      const { baton, raw } = results[workerCount][shape.key];
      const ratio = baton.rate / raw.rate;
      rows.push({
        section: SECTION2,
        metric: `${shape.label}, ${workerCount} worker${workerCount > 1 ? 's' : ''} x ${CONCURRENCY} (${shape.runs} runs, ${shape.window} in flight, best of ${TRIALS})`,
        value: round(baton.rate, 0),
        unit: 'steps/s',
        baseline: round(raw.rate, 0),
        baselineName: `${shape.baseline} jobs/s`,
        ratio: round(ratio, 2),
        ...(shape.target !== undefined && { target: `>= ${shape.target} x raw Bull`, met: ratio >= shape.target }),
      });
    }
  }
  const sustained = Math.min(...SHAPES.map((s) => results[2][s.key].baton.rate));
  rows.push({
    section: SECTION2,
    metric: '2 workers: sustained steps/s (lowest of the three shapes)',
    value: round(sustained, 0),
    unit: 'steps/s',
    baseline: round(Math.min(...SHAPES.map((s) => results[2][s.key].raw.rate)), 0),
    baselineName: 'raw Bull jobs/s (lowest)',
    ratio: cmp(sustained, Math.min(...SHAPES.map((s) => results[2][s.key].raw.rate))),
    target: '>= 2000 steps/s',
    met: sustained >= 2000,
  });
  for (const shape of SHAPES) {
    const { baton, raw } = results[2][shape.key];
    rows.push({
      section: SECTION2,
      metric: `${shape.label}, 2 workers: Redis commands per step (INFO commandstats, all processes)`,
      value: round(baton.commandsPerStep, 1),
      unit: 'cmds/step',
      baseline: round(raw.commandsPerStep, 1),
      baselineName: `${shape.baseline} cmds/job`,
      ratio: cmp(baton.commandsPerStep, raw.commandsPerStep),
      target: '<= 1.5 x raw Bull',
      met: baton.commandsPerStep <= 1.5 * raw.commandsPerStep,
    });
  }

  const { baton: lb, raw: lr } = results.latency;
  const runs = lb.e2e.length;
  const where = `3-step, ${LATENCY_RATE} runs/s for ${LATENCY_MS / 1000} s (${runs} runs), 2 workers`;
  const dispatchBaseline = 'raw Bull job end -> next job start';
  rows.push(
    {
      section: SECTION3,
      metric: `dispatch p50 (step.succeeded ts -> next step.started ts, 1 ms resolution), ${where}`,
      value: percentile(lb.dispatch, 50),
      unit: 'ms',
      baseline: round(percentile(lr.dispatch, 50), 2),
      baselineName: dispatchBaseline,
      ratio: cmp(percentile(lb.dispatch, 50), percentile(lr.dispatch, 50)),
      target: '<= 2 ms',
      met: percentile(lb.dispatch, 50) <= 2,
    },
    {
      section: SECTION3,
      metric: `dispatch p99, ${where}`,
      value: percentile(lb.dispatch, 99),
      unit: 'ms',
      baseline: round(percentile(lr.dispatch, 99), 2),
      baselineName: dispatchBaseline,
      ratio: cmp(percentile(lb.dispatch, 99), percentile(lr.dispatch, 99)),
      target: '<= 10 ms',
      met: percentile(lb.dispatch, 99) <= 10,
    },
    {
      section: SECTION3,
      metric: `end to end p50 (run.started ts -> run.succeeded ts), ${where}`,
      value: percentile(lb.e2e, 50),
      unit: 'ms',
      baseline: round(percentile(lr.e2e, 50), 2),
      baselineName: 'raw Bull 3-job chain add -> last job done',
      ratio: cmp(percentile(lb.e2e, 50), percentile(lr.e2e, 50)),
      target: '<= 8 ms',
      met: percentile(lb.e2e, 50) <= 8,
    },
    {
      section: SECTION3,
      metric: `end to end p99, ${where}`,
      value: percentile(lb.e2e, 99),
      unit: 'ms',
      baseline: round(percentile(lr.e2e, 99), 2),
      baselineName: 'raw Bull 3-job chain add -> last job done',
      ratio: cmp(percentile(lb.e2e, 99), percentile(lr.e2e, 99)),
    },
    {
      section: SECTION3,
      metric: `end to end p50 seen by the caller (client.start() -> run.succeeded received), ${where}`,
      value: round(percentile(lb.observed, 50), 2),
      unit: 'ms',
      baseline: round(percentile(lr.e2e, 50), 2),
      baselineName: 'raw Bull 3-job chain add -> last job done',
      ratio: cmp(percentile(lb.observed, 50), percentile(lr.e2e, 50)),
    },
  );

  const perTenThousand = (bytes) => ((bytes / MEMORY_RUNS) * 10_000) / 1024 / 1024;
  const mb = perTenThousand(results.memory.baton.memoryBytes);
  const base = perTenThousand(results.memory.raw.memoryBytes);
  rows.push({
    section: SECTION5,
    metric: `used_memory delta per 10 000 finished 10-step runs, everything kept (measured on ${MEMORY_RUNS} runs, x${round(10_000 / MEMORY_RUNS, 1)})`,
    value: round(mb, 1),
    unit: 'MB',
    baseline: round(base, 1),
    baselineName: 'raw Bull 10-job chains, completed jobs kept',
    ratio: cmp(mb, base),
    target: '<= 30 MB',
    met: mb <= 30,
  });
  return rows;
}

/** Last run's details (per-command breakdowns), printed when run directly. */
export let details;

/** @returns {Promise<import('./row.mjs').BenchRow[]>} */
export async function run() {
  const server = await startRedisServer();
  const stats = redisStats(server.url);
  const results = { 1: {}, 2: {}, memory: {}, latency: {} };
  for (const w of [1, 2]) for (const shape of SHAPES) results[w][shape.key] = {};
  try {
    for (const workerCount of [1, 2]) {
      await rawPhase(server.url, stats, workerCount, results);
      await batonPhase(server.url, stats, workerCount, results);
    }
  } finally {
    await stats.close();
    await server.stop();
  }
  details = {
    commandsPerStep: Object.fromEntries(
      SHAPES.map((s) => [s.key, { baton: results[2][s.key].baton.perStep, raw: results[2][s.key].raw.perStep }]),
    ),
  };
  return rowsOf(results);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const rows = await run();
  printTable(rows);
  if (process.env.BULL_BENCH_DETAILS) process.stdout.write(`${JSON.stringify(details, null, 1)}\n`);
  process.stdout.write(`(${round((performance.now() - started) / 1000, 1)} s)\n`);
}
