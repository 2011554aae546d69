/**
 * Issue §5, memory-transport half: heap after GC per 10 000 finished runs of the 10-step sequential
 * workflow (`seq10`), after 10 000, 20 000 and 40 000 runs with the default retention (10 000 finished
 * runs), which must stay flat once the cap is reached. For scale, the same runs with everything kept
 * (`retainRuns: Infinity`) give the marginal cost of 10 000 runs (from 5k → 10k, doubled), and the JSON size of one run's
 * snapshot and trace (what the store holds, serialised) gives a floor.
 *
 * The measurement always runs in a fresh child process started with `--expose-gc` (a clean heap, and
 * `global.gc` for "heap after GC"), whether this module is imported by bench/run.mjs or run alone
 * (`node bench/memory.mjs`); the child prints its rows as JSON.
 */
import { BATON_TRANSPORT } from '@baton/runtime/internal';
import { round } from './lib.mjs';
import { bootApp, isMain, printRows, runChildJson } from './inproc-app.mjs';

const SECTION = '5. memory (memory transport)';
const CHILD_FLAG = '--memory-child';
const BATCH = 20;
const MB = 1024 * 1024;

/** Heap used after two full collections, in bytes. */
function heapAfterGc() {
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed;
}

/** Runs `count` runs of `seq10`, `BATCH` at a time. */
async function runMany(client, count) {
  for (let done = 0; done < count; done += BATCH) {
    const batch = [];
    for (let i = 0; i < Math.min(BATCH, count - done); i++) batch.push(client.execute('seq10', {}));
    await Promise.all(batch);
  }
}

async function measure() {
  // Default retention: nothing passed, so BatonModule's default (10 000) applies.
  const { app, client } = await bootApp();
  const store = app.get(BATON_TRANSPORT).store;
  const base = heapAfterGc();
  const heap = {};
  const kept = {};
  let total = 0;
  for (const target of [10_000, 20_000, 40_000]) {
    await runMany(client, target - total);
    total = target;
    heap[target] = heapAfterGc() - base;
    kept[target] = store.size;
  }
  // The JSON of one retained run (snapshot + trace): the floor for what the store must hold.
  const handle = await client.start('seq10', {});
  await handle.result();
  const runId = handle.runId;
  const jsonBytes =
    JSON.stringify(await client.getRun(runId)).length + JSON.stringify(await client.trace(runId)).length;
  const events = (await client.trace(runId)).length;
  await app.close();

  // Everything kept: the marginal cost of 5 000 more runs (5k → 10k), free of start-up effects, × 2.
  const keepAll = await bootApp({ retainRuns: Number.POSITIVE_INFINITY });
  await runMany(keepAll.client, 5_000);
  const keep5 = heapAfterGc();
  await runMany(keepAll.client, 5_000);
  const keep10 = heapAfterGc();
  await keepAll.app.close();

  const per10k = heap[10_000] / MB;
  const slope = (2 * (keep10 - keep5)) / MB;
  const floor = (jsonBytes * 10_000) / MB;
  const flatLimit = Math.max(1, 0.05 * per10k);
  const rows = [
    {
      section: SECTION,
      metric: `seq10: heap after GC per 10 000 finished runs (everything kept, slope 5k→10k; ${events} events/run)`,
      value: round(slope, 1),
      unit: 'MB',
      baseline: round(floor, 1),
      baselineName: 'JSON of 10 000 runs (snapshot + trace)',
      ratio: round(slope / floor, 2),
    },
  ];
  for (const n of [10_000, 20_000, 40_000]) {
    const growth = (heap[n] - heap[10_000]) / MB;
    rows.push({
      section: SECTION,
      metric: `seq10, default retention: heap after GC above start-up after ${n / 1000}k runs (${kept[n]} kept)`,
      value: round(heap[n] / MB, 1),
      unit: 'MB',
      baseline: round(per10k, 1),
      baselineName: 'same after 10k runs (cap reached)',
      ratio: round(heap[n] / heap[10_000], 3),
      ...(n > 10_000 && { target: `flat once capped (within ${round(flatLimit, 1)} MB)`, met: growth <= flatLimit }),
    });
  }
  rows.push({
    section: SECTION,
    metric: 'seq10, default retention: heap growth from 10k to 40k runs (plateau)',
    value: round((heap[40_000] - heap[10_000]) / MB, 2),
    unit: 'MB',
    baseline: round(per10k, 1),
    baselineName: 'heap of 10 000 retained runs',
    ratio: round((heap[40_000] - heap[10_000]) / heap[10_000], 3),
    target: `~0 (within ${round(flatLimit, 1)} MB)`,
    met: heap[40_000] - heap[10_000] <= flatLimit * MB,
  });
  return rows;
}

/** @returns {Promise<import('./row.mjs').BenchRow[]>} */
export async function run() {
  if (process.argv.includes(CHILD_FLAG) && typeof global.gc === 'function') return measure();
  return runChildJson(import.meta.url, ['--expose-gc'], [CHILD_FLAG]);
}

if (isMain(import.meta.url)) {
  const rows = await run();
  if (process.argv.includes(CHILD_FLAG)) process.stdout.write(`${JSON.stringify(rows)}\n`);
  else printRows(rows);
}
