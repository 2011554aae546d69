/**
 * Issue §6 on the memory transport: the support-ticket-shaped workflow (classify → route to one of two
 * agents → two parallel steps → draft; no timers, see inproc-app.mjs) at 1, 100, 1 000 and 10 000
 * concurrent runs: total time, peak memory and time per run, beside the same functions composed as a
 * plain async function (same concurrency). Per-run cost should stay flat as the batch grows (linear
 * total), so the table reports the ratio of per-run cost at 10 000 to that at 100, in CPU time (the
 * verdict: it does not count other processes' time) and in wall time.
 *
 * Each size runs in a fresh child process (`--expose-gc`), so its memory figures are its own. A child
 * boots the app with the default options (64 concurrent attempts, 10 000 retained runs), warms up with
 * 10 000 runs (JIT, and the retention cap reached, so every size measures the steady state), then
 * times repetitions of the batch (`execute` × N, all started together, awaited with `Promise.all`)
 * and takes the median. Peak heap and RSS are sampled inside the `draft` step (a
 * batch of no-timer runs finishes in microtasks, without a turn of the event loop for a timer to
 * sample); peak heap counts garbage V8 has not collected yet, so one extra untimed batch forces a GC
 * half-way to report the live heap of the runs in flight.
 *
 * Run alone: `node bench/scaling-memory.mjs`.
 */
import { getHeapStatistics } from 'node:v8';
import { nowUs, percentile, round } from './lib.mjs';
import { bootApp, isMain, printRows, runChildJson, SupportTicket, ticket, warnIfBusy } from './inproc-app.mjs';

const SECTION = '6. scaling (memory transport)';
const CHILD_FLAG = '--scaling-child';
const SIZES = [1, 100, 1_000, 10_000];
/** Repetitions per size: enough for a stable median, about the same work for each size. */
const REPS = { 1: 300, 100: 50, 1_000: 6, 10_000: 3 };
const WARMUP_RUNS = 10_000;
const MB = 1024 * 1024;

/** Peak heap used and RSS, sampled from inside the workflow's last step every `sampleEvery` runs. */
const peak = { heap: 0, rss: 0 };
let sampleEvery = Number.MAX_SAFE_INTEGER;
let drafts = 0;
/** When set, the draft that makes `drafts` equal to it forces a GC and records the live heap. */
let gcAtDraft = -1;
let liveHeap = 0;
const draft = SupportTicket.prototype.draft;
if (process.argv.includes(CHILD_FLAG)) {
  SupportTicket.prototype.draft = function sampledDraft(ctx) {
    if (++drafts % sampleEvery === 0) {
      peak.heap = Math.max(peak.heap, getHeapStatistics().used_heap_size);
      peak.rss = Math.max(peak.rss, process.memoryUsage.rss());
    }
    if (drafts === gcAtDraft) {
      global.gc();
      liveHeap = getHeapStatistics().used_heap_size;
    }
    return draft.call(this, ctx);
  };
}

/** The baseline: the same steps as plain async code, the route as an `if`, the group as `Promise.all`. */
async function plainTicket(steps, input) {
  const ctx = { input, results: {} };
  ctx.results.classify = await steps.classify(ctx);
  const agent = steps.route(ctx);
  ctx.results[agent] = await steps[agent](ctx);
  const [account, kb] = await Promise.all([steps.accountLookup(ctx), steps.kbSearch(ctx)]);
  ctx.results.accountLookup = account;
  ctx.results.kbSearch = kb;
  return draft.call(steps, ctx);
}

/** User + system CPU time of a `process.cpuUsage()` delta (every thread: GC helpers included). */
function cpuUs({ user, system }) {
  return user + system;
}

async function batch(n, start) {
  const all = new Array(n);
  for (let i = 0; i < n; i++) all[i] = start(ticket(i));
  await Promise.all(all);
}

async function measureSize(n) {
  const { app, client } = await bootApp();
  const steps = new SupportTicket();
  const baton = (input) => client.execute('support-ticket', input);
  const plain = (input) => plainTicket(steps, input);
  try {
    for (let done = 0; done < WARMUP_RUNS; done += 100) {
      await batch(100, baton);
      await batch(100, plain);
    }
    global.gc();
    const rssBefore = process.memoryUsage.rss();
    const heapBefore = getHeapStatistics().used_heap_size;
    peak.heap = heapBefore;
    peak.rss = rssBefore;
    // About 50 samples per batch for big batches; every 25th run for small ones (a sample costs ~8 us).
    sampleEvery = n >= 1_000 ? Math.floor(n / 50) : 25;
    drafts = 0;
    const batonUs = [];
    const batonCpuUs = [];
    const plainUs = [];
    const plainCpuUs = [];
    for (let rep = 0; rep < REPS[n]; rep++) {
      let t = nowUs();
      let cpu = process.cpuUsage();
      await batch(n, baton);
      batonUs.push(nowUs() - t);
      batonCpuUs.push(cpuUs(process.cpuUsage(cpu)));
      t = nowUs();
      cpu = process.cpuUsage();
      await batch(n, plain);
      plainUs.push(nowUs() - t);
      plainCpuUs.push(cpuUs(process.cpuUsage(cpu)));
    }
    // One more batch, untimed: a forced GC when half of it has finished gives the live heap, garbage
    // excluded, with the other half in flight.
    global.gc();
    const heapIdle = getHeapStatistics().used_heap_size;
    drafts = 0;
    sampleEvery = Number.MAX_SAFE_INTEGER;
    gcAtDraft = Math.max(1, Math.floor(n / 2));
    await batch(n, baton);
    gcAtDraft = -1;
    return {
      n,
      batonUs: percentile(batonUs, 50),
      plainUs: percentile(plainUs, 50),
      batonCpuUs: percentile(batonCpuUs, 50),
      plainCpuUs: percentile(plainCpuUs, 50),
      rssBeforeMb: rssBefore / MB,
      peakRssMb: peak.rss / MB,
      heapBeforeMb: heapBefore / MB,
      peakHeapMb: peak.heap / MB,
      liveInFlightMb: (liveHeap - heapIdle) / MB,
    };
  } finally {
    await app.close();
  }
}

/** @returns {Promise<import('./row.mjs').BenchRow[]>} */
export async function run() {
  warnIfBusy('scaling-memory');
  const results = [];
  for (const n of SIZES) results.push(await runChildJson(import.meta.url, ['--expose-gc'], [CHILD_FLAG, String(n)]));
  const rows = [];
  const perRun = Object.fromEntries(results.map((r) => [r.n, r.batonUs / r.n]));
  const plainPerRun = Object.fromEntries(results.map((r) => [r.n, r.plainUs / r.n]));
  for (const r of results) {
    const label = `support-ticket × ${r.n} concurrent`;
    rows.push(
      {
        section: SECTION,
        metric: `${label}: total time (median of ${REPS[r.n]})`,
        value: round(r.batonUs / 1000, 3),
        unit: 'ms',
        baseline: round(r.plainUs / 1000, 4),
        baselineName: 'plain async function, same concurrency',
        ratio: round(r.batonUs / r.plainUs, 0),
      },
      {
        section: SECTION,
        metric: `${label}: time per run`,
        value: round(perRun[r.n], 2),
        unit: 'us',
        baseline: round(plainPerRun[r.n], 3),
        baselineName: 'plain async function, same concurrency',
        ratio: round(perRun[r.n] / plainPerRun[r.n], 0),
      },
      {
        section: SECTION,
        metric: `${label}: CPU time per run (all threads)`,
        value: round(r.batonCpuUs / r.n, 2),
        unit: 'us',
        baseline: round(r.plainCpuUs / r.n, 3),
        baselineName: 'plain async function, same concurrency',
        ratio: round(r.batonCpuUs / r.plainCpuUs, 0),
      },
      {
        section: SECTION,
        metric: `${label}: peak heap used, garbage included (above ${round(r.heapBeforeMb, 0)} MB idle after GC)`,
        value: round(r.peakHeapMb - r.heapBeforeMb, 1),
        unit: 'MB',
      },
      {
        section: SECTION,
        metric: `${label}: live heap with ${Math.ceil(r.n / 2)} runs in flight (forced GC mid-batch, above idle)`,
        value: round(r.liveInFlightMb, 1),
        unit: 'MB',
      },
      {
        section: SECTION,
        metric: `${label}: peak RSS (${round(r.rssBeforeMb, 0)} MB idle after warm-up + GC)`,
        value: round(r.peakRssMb, 0),
        unit: 'MB',
      },
    );
  }
  // CPU time is the linearity verdict: wall time also counts whatever else the machine is running.
  const cpuPerRun = Object.fromEntries(results.map((r) => [r.n, r.batonCpuUs / r.n]));
  const plainCpuPerRun = Object.fromEntries(results.map((r) => [r.n, r.plainCpuUs / r.n]));
  const growth = cpuPerRun[10_000] / cpuPerRun[100];
  rows.push(
    {
      section: SECTION,
      metric: 'support-ticket: CPU time per run at 10 000 concurrent ÷ at 100 (1 = linear)',
      value: round(growth, 2),
      unit: 'x',
      baseline: round(plainCpuPerRun[10_000] / plainCpuPerRun[100], 2),
      baselineName: 'same ratio for the plain async function',
      target: '<= 1.5 (linear)',
      met: growth <= 1.5,
    },
    {
      section: SECTION,
      metric: 'support-ticket: wall time per run at 10 000 concurrent ÷ at 100 (1 = linear)',
      value: round(perRun[10_000] / perRun[100], 2),
      unit: 'x',
      baseline: round(plainPerRun[10_000] / plainPerRun[100], 2),
      baselineName: 'same ratio for the plain async function',
    },
  );
  return rows;
}

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf(CHILD_FLAG);
  if (at !== -1) process.stdout.write(`${JSON.stringify(await measureSize(Number(process.argv[at + 1])))}\n`);
  else printRows(await run());
}
