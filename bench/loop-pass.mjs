/**
 * Per-pass cost of a loop: a 100-pass loop (`bench-loop100`: `work` → route `again` back to `work`, 201 step
 * executions) against a chain of as many steps (`bench-chain201`), both no-op (bench/bull-workflows.mjs). A
 * pass resets its body and tags its events; it should cost no more than the same steps in a chain
 * (target: loop/chain ≤ 1.1 per step execution, the margin being run-to-run noise).
 *
 * - memory transport: this process, runs one at a time, median of BENCH_LOOP_MEMORY_RUNS (default 40).
 * Loop and chain runs alternate, so a slow spell of the machine weighs on both.
 * - bull transport: a private Redis, 2 worker processes × 16 and this process as the API (worker: false),
 *   runs one at a time, median of BENCH_LOOP_BULL_RUNS (default 5) each.
 *
 * Run alone: `node bench/loop-pass.mjs`.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BatonClient, BatonModule } from '@baton/runtime';
import { percentile, round } from './lib.mjs';
import { isMain, printRows } from './inproc-app.mjs';
import { withBullCluster } from './bull-harness.mjs';
import { Chain201, Loop100, LOOP_PASSES } from './bull-workflows.mjs';

const SECTION = '10. loop passes (100-pass loop vs 201-step chain)';
const MEMORY_RUNS = Number(process.env.BENCH_LOOP_MEMORY_RUNS ?? 40);
const BULL_RUNS = Number(process.env.BENCH_LOOP_BULL_RUNS ?? 5);
const EXECUTIONS = 2 * LOOP_PASSES + 1;
const TARGET = 1.1;

/**
 * Median wall times (ms) of `runs` calls of `loop` and of `chain`, interleaved (loop, chain, loop, ...) so
 * that a slow spell of the machine weighs on both, after `warmup` untimed calls of each.
 */
async function medians(loop, chain, runs, warmup) {
  for (let i = 0; i < warmup; i++) await Promise.all([loop(), chain()]);
  const times = { loop: [], chain: [] };
  for (let i = 0; i < runs; i++) {
    for (const [name, once] of [
      ['loop', loop],
      ['chain', chain],
    ]) {
      const t0 = performance.now();
      await once();
      times[name].push(performance.now() - t0);
    }
  }
  return { loop: percentile(times.loop, 50), chain: percentile(times.chain, 50) };
}

/** The rows of one transport: per-step cost of each workflow, per-pass overhead and the ratio. */
function rowsOf(where, loopMs, chainMs) {
  const us = (ms) => round((ms * 1000) / EXECUTIONS, 1);
  const ratio = loopMs / chainMs;
  return [
    { section: SECTION, metric: `${where}: chain, per step`, value: us(chainMs), unit: 'us' },
    {
      section: SECTION,
      metric: `${where}: loop, per step execution`,
      value: us(loopMs),
      unit: 'us',
      baseline: us(chainMs),
      baselineName: 'chain per step',
      ratio: round(ratio, 2),
    },
    {
      section: SECTION,
      metric: `${where}: overhead per pass (loop - chain) / ${LOOP_PASSES}`,
      value: round(((loopMs - chainMs) * 1000) / LOOP_PASSES, 1),
      unit: 'us',
    },
    {
      section: SECTION,
      metric: `${where}: loop/chain`,
      value: round(ratio, 2),
      unit: 'x',
      target: `<= ${TARGET}`,
      met: ratio <= TARGET,
    },
  ];
}

async function memoryRows() {
  class AppModule {}
  Module({ imports: [BatonModule.forRoot({ transport: 'memory' })], providers: [Loop100, Chain201] })(AppModule);
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
  try {
    const client = app.get(BatonClient);
    const { loop, chain } = await medians(
      () => client.execute('bench-loop100', {}),
      () => client.execute('bench-chain201', {}),
      MEMORY_RUNS,
      10,
    );
    return rowsOf(`memory transport (${MEMORY_RUNS} runs each, interleaved)`, loop, chain);
  } finally {
    await app.close();
  }
}

async function bullRows() {
  return withBullCluster({ name: 'loop', workers: 2, concurrency: 16 }, async (api) => {
    const { loop, chain } = await medians(
      () => api.execute('bench-loop100', {}),
      () => api.execute('bench-chain201', {}),
      BULL_RUNS,
      1,
    );
    return rowsOf(`bull transport, 2 workers x 16 (${BULL_RUNS} runs each, interleaved)`, loop, chain);
  });
}

/** @returns {Promise<import('./row.mjs').BenchRow[]>} */
export async function run() {
  return [...(await memoryRows()), ...(await bullRows())];
}

if (isMain(import.meta.url)) {
  printRows(await run());
}
