/**
 * Step-index overhead: does a step cost more late in a long run than early? One workflow of 500 no-op steps
 * in sequence (`bench-chain500`, bench/bull-workflows.mjs), each returning the precise epoch ms at which its
 * body started and ended. The gap into step n (1-based) is step n's start − step n−1's end: what the engine
 * spends between two steps. Reported as the median gap over steps n−4 … n+5 (step 500: 491 … 500) of every
 * measured run, for n = 10, 100 and 500, and the ratio step 500 / step 10 (target ≤ 1.2: flat).
 *
 * - memory transport: in this process, runs one at a time (BENCH_STEP_INDEX_MEMORY_RUNS, default 30).
 * - bull transport: a private Redis, 2 worker processes × 16 (as bench/distributed.mjs) and this process as
 *   the API (worker: false), warmed with 20 runs of `bench-chain10`; 500-step runs one at a time
 *   (BENCH_STEP_INDEX_BULL_RUNS, default 3; no new run starts after BENCH_STEP_INDEX_BULL_BUDGET_MS, default
 *   30 s), so consecutive steps may run in either worker (times are comparable across processes on one
 *   machine).
 *
 * Step times are read back from the run's step outputs (`client.getRun`). Run alone:
 * `node bench/step-index.mjs` prints a table.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BatonClient, BatonModule } from '@baton/runtime';
import { percentile, round } from './lib.mjs';
import { isMain, printRows } from './inproc-app.mjs';
import { withBullCluster } from './bull-harness.mjs';
import { Chain500, CHAIN500_STEPS } from './bull-workflows.mjs';

const SECTION = '9. step-index overhead (500-step chain)';
const MEMORY_RUNS = Number(process.env.BENCH_STEP_INDEX_MEMORY_RUNS ?? 30);
const BULL_RUNS = Number(process.env.BENCH_STEP_INDEX_BULL_RUNS ?? 3);
/** Bull runs after the first start only while the measurement has taken less than this. */
const BULL_BUDGET_MS = Number(process.env.BENCH_STEP_INDEX_BULL_BUDGET_MS ?? 30_000);
const WORKERS = 2;
const CONCURRENCY = 16;
/** One 500-step run on bull that takes longer than this fails the module instead of hanging it. */
const RUN_DEADLINE_MS = 60_000;
const AT = [10, 100, 500];
const TARGET = 1.2;

/** The gaps of one run: `gaps[n]` = start of step n − end of step n−1, in ms (n is 1-based, 2 … 500). */
function gapsOf(snapshot) {
  const times = Array.from({ length: CHAIN500_STEPS }, (_, i) => snapshot.steps[`s${i}`]?.output);
  if (times.some((t) => typeof t?.s !== 'number'))
    throw new Error(`bench step-index: run ${snapshot.runId} is missing step outputs (status ${snapshot.status})`);
  const gaps = [];
  for (let n = 2; n <= CHAIN500_STEPS; n++) gaps[n] = times[n - 1].s - times[n - 2].e;
  return gaps;
}

/** Median gap (ms) around each step index of {@link AT}, over every run. */
function around(allGaps) {
  const result = {};
  for (const n of AT) {
    const from = Math.max(2, Math.min(n - 4, CHAIN500_STEPS - 9));
    const to = from + 9;
    const window = [];
    for (const gaps of allGaps) for (let k = from; k <= to; k++) window.push(gaps[k]);
    result[n] = { p50: percentile(window, 50), from, to };
  }
  return result;
}

function rowsOf(where, result) {
  const us = (ms) => round(ms * 1000, 1);
  const first = result[AT[0]].p50;
  const rows = AT.map((n) => ({
    section: SECTION,
    metric: `${where}: step ${n} (median gap, previous step's end -> this step's start, steps ${result[n].from}..${result[n].to})`,
    value: us(result[n].p50),
    unit: 'us',
    ...(n !== AT[0] && { baseline: us(first), baselineName: `step ${AT[0]}`, ratio: round(result[n].p50 / first, 2) }),
  }));
  const ratio = result[500].p50 / first;
  rows.push({
    section: SECTION,
    metric: `${where}: step500/step10`,
    value: round(ratio, 2),
    unit: 'x',
    target: `<= ${TARGET}`,
    met: ratio <= TARGET,
  });
  return rows;
}

async function memoryRows() {
  class AppModule {}
  Module({ imports: [BatonModule.forRoot({ transport: 'memory' })], providers: [Chain500] })(AppModule);
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
  try {
    const client = app.get(BatonClient);
    const execute = async () => {
      const handle = await client.start('bench-chain500', {});
      await handle.result();
      return client.getRun(handle.runId);
    };
    for (let i = 0; i < 5; i++) await execute();
    const all = [];
    for (let i = 0; i < MEMORY_RUNS; i++) all.push(gapsOf(await execute()));
    return rowsOf(`memory transport (${MEMORY_RUNS} runs, one at a time)`, around(all));
  } finally {
    await app.close();
  }
}

function withDeadline(promise, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`bench step-index: ${what} did not finish within ${RUN_DEADLINE_MS / 1000} s`)),
      RUN_DEADLINE_MS,
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function bullRows() {
  return withBullCluster({ name: 'step-index', workers: WORKERS, concurrency: CONCURRENCY }, async (api) => {
    const execute = async () => {
      const runId = await withDeadline(api.execute('bench-chain500', {}), 'a 500-step run on bull');
      return api.client.getRun(runId);
    };
    const all = [];
    const started = performance.now();
    while (all.length < BULL_RUNS && (all.length === 0 || performance.now() - started < BULL_BUDGET_MS))
      all.push(gapsOf(await execute()));
    const budget = all.length < BULL_RUNS ? `, stopped at the ${BULL_BUDGET_MS / 1000} s budget` : '';
    return rowsOf(
      `bull transport, ${WORKERS} workers x ${CONCURRENCY} (${all.length} run${all.length > 1 ? 's' : ''}, one at a time${budget})`,
      around(all),
    );
  });
}

/** @returns {Promise<import('./row.mjs').BenchRow[]>} */
export async function run() {
  return [...(await memoryRows()), ...(await bullRows())];
}

if (isMain(import.meta.url)) {
  printRows(await run());
}
