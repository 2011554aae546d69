/**
 * §6 scaling on the `bull` transport: the support-ticket shape (classify → route to one of two agents →
 * accountLookup ∥ kbSearch → draft; 6 steps per ticket, see bench/bull-workflows.mjs) at 1, 100, 1 000 and,
 * when it fits the time budget, 10 000 runs started at once, with 2 worker processes on a private Redis.
 * Reports total time, time per run (and its growth against the 100-run figure: 1.0 is linear) and peak
 * Redis `used_memory`. Run alone: `node bench/scaling-bull.mjs` prints a table.
 */
import { pathToFileURL } from 'node:url';
import { startRedisServer } from '@baton/runtime/testing';
import { round } from './lib.mjs';
import { printTable, redisStats, startApi, startWorkers, windowed } from './bull-harness.mjs';
import { ticket } from './bull-workflows.mjs';

const SECTION = '6. scaling (bull, support-ticket)';
const WORKERS = 2;
const CONCURRENCY = 16;
const SIZES = [1, 100, 1000, 10_000];
/** The largest size runs only if its time, projected from the one before, stays under this. */
const BUDGET_MS = Number(process.env.BULL_BENCH_SCALING_BUDGET_MS ?? 75_000);
const MB = 1024 * 1024;

/** Starts `size` runs at once and waits for all of them. */
async function measure(api, stats, size) {
  const before = await stats.usedMemory();
  const sampler = stats.peakSampler(50);
  const started = performance.now();
  await Promise.all(Array.from({ length: size }, (_, i) => api.execute('bench-ticket', ticket(i))));
  const ms = performance.now() - started;
  const peak = await sampler.stop();
  return { ms, before, peak, after: await stats.usedMemory() };
}

/** @returns {Promise<import('./row.mjs').BenchRow[]>} */
export async function run() {
  const server = await startRedisServer();
  const stats = redisStats(server.url);
  const prefix = `bench-scaling-${process.pid}`;
  const workers = await startWorkers(WORKERS, { mode: 'baton', url: server.url, prefix, concurrency: CONCURRENCY });
  const api = await startApi({ url: server.url, prefix, concurrency: CONCURRENCY });
  const results = [];
  const skipped = [];
  try {
    await windowed(300, 32, (i) => api.execute('bench-ticket', ticket(i)));
    for (const size of SIZES) {
      const previous = results.at(-1);
      const projected = previous ? (previous.ms / previous.size) * size : 0;
      if (size === SIZES.at(-1) && projected > BUDGET_MS) {
        skipped.push({ size, projected });
        continue;
      }
      results.push({ size, ...(await measure(api, stats, size)) });
    }
  } finally {
    await api.close();
    await workers.stop();
    await stats.close();
    await server.stop();
  }

  const reference = results.find((r) => r.size === 100);
  const perRunRef = reference.ms / reference.size;
  const rows = [];
  for (const r of results) {
    const where = `${r.size} concurrent run${r.size > 1 ? 's' : ''} (${r.size * 6} steps), ${WORKERS} workers x ${CONCURRENCY}`;
    const perRun = r.ms / r.size;
    rows.push(
      { section: SECTION, metric: `${where}: total time`, value: round(r.ms, 0), unit: 'ms' },
      {
        section: SECTION,
        metric: `${where}: time per run (wall / runs)`,
        value: round(perRun, 3),
        unit: 'ms/run',
        ...(r.size !== 100 &&
          r.size > 1 && {
            baseline: round(perRunRef, 3),
            baselineName: 'time per run at 100 runs',
            ratio: round(perRun / perRunRef, 2),
            target: '<= 1.25 x (linear)',
            met: perRun / perRunRef <= 1.25,
          }),
      },
      {
        section: SECTION,
        metric: `${where}: peak Redis used_memory (sampled every 50 ms; +${round((r.peak - r.before) / MB, 1)} MB over the phase start, ${round((r.after - r.before) / MB, 1)} MB kept after)`,
        value: round(r.peak / MB, 1),
        unit: 'MB',
      },
    );
  }
  for (const s of skipped) {
    rows.push({
      section: SECTION,
      metric: `${s.size} concurrent runs: skipped, projected ${round(s.projected / 1000, 0)} s exceeds the ${BUDGET_MS / 1000} s budget`,
      value: NaN,
      unit: 'ms',
    });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  printTable(await run());
  process.stdout.write(`(${round((performance.now() - started) / 1000, 1)} s)\n`);
}
