/**
 * Issue §1, in-process overhead: Baton on the memory transport against the same step functions called
 * as a plain `await` chain / `Promise.all`, and against a "minimal bookkeeping" floor (the same chain
 * creating two event objects and reading the clock twice per step).
 *
 * Workflows (see inproc-app.mjs): `seq10`, ten no-op async steps in sequence; `par10`, ten no-op async
 * steps in one `registerParallel` group with nothing after it (no join step, so exactly ten steps whose
 * outputs become the run's output); `seq10-timer`, ten steps that each wait a real `setTimeout(1)`.
 *
 * Method: every run is timed alone with hrtime (one run at a time, awaited), Baton and baseline runs
 * interleaved run by run so drift and GC pressure spread over all of them. Overhead per step is
 * (Baton − plain) / 10 at the same percentile. Runs use the default retention (10 000 finished runs),
 * which the warm-up fills, so the figures are the steady state of a long-running process.
 *
 * Run alone: `node bench/in-process.mjs`.
 */
import { nowUs, percentile, round } from './lib.mjs';
import { bootApp, isMain, noop, printRows, sleep1, STEPS, warnIfBusy } from './inproc-app.mjs';

const SECTION = '1. in-process overhead';
const RUNS = Number(process.env.BENCH_INPROC_RUNS ?? 10_000);
const WARMUP = 5_000;
const TIMER_RUNS = Number(process.env.BENCH_INPROC_TIMER_RUNS ?? 300);
const TIMER_WARMUP = 20;

const steps = Array.from({ length: STEPS }, () => noop);
const timerSteps = Array.from({ length: STEPS }, () => sleep1);

/** The baselines: the same step functions without Baton. */
async function plainChain(fns) {
  for (const fn of fns) await fn();
}
function plainAll(fns) {
  return Promise.all(fns.map((fn) => fn()));
}
/** The floor: two event objects and two clock reads per step. */
async function bookkeepingChain(fns) {
  const events = [];
  for (let i = 0; i < fns.length; i++) {
    events.push({ type: 'step.started', step: i, ts: Date.now() });
    const output = await fns[i]();
    events.push({ type: 'step.succeeded', step: i, ts: Date.now(), output });
  }
  return events;
}
async function bookkeepingAll(fns) {
  const events = [];
  await Promise.all(
    fns.map(async (fn, i) => {
      events.push({ type: 'step.started', step: i, ts: Date.now() });
      const output = await fn();
      events.push({ type: 'step.succeeded', step: i, ts: Date.now(), output });
    }),
  );
  return events;
}

/** Times `runs` interleaved rounds of every variant; returns per-run microseconds by variant, and their sums. */
async function measure(variants, runs) {
  const times = Object.fromEntries(Object.keys(variants).map((name) => [name, new Array(runs)]));
  const entries = Object.entries(variants);
  for (let i = 0; i < runs; i++) {
    for (const [name, fn] of entries) {
      const start = nowUs();
      await fn();
      times[name][i] = nowUs() - start;
    }
  }
  return times;
}

const sum = (values) => values.reduce((a, b) => a + b, 0);

function shapeRows(label, times) {
  const rows = [];
  const per = (name, p) => percentile(times[name], p);
  const floorName = 'minimal bookkeeping (2 events + 2 Date.now()/step)';
  for (const [p, target, limit] of [
    [50, '<= 5 us (stretch 2 us)', 5],
    [99, '<= 25 us', 25],
  ]) {
    const overhead = (per('baton', p) - per('plain', p)) / STEPS;
    const floor = (per('bookkeeping', p) - per('plain', p)) / STEPS;
    rows.push({
      section: SECTION,
      metric: `${label}: overhead per step p${p}`,
      value: round(overhead, 2),
      unit: 'us',
      baseline: round(floor, 3),
      baselineName: floorName,
      ratio: round(overhead / Math.max(floor, 0.001), 1),
      target,
      met: overhead <= limit,
    });
  }
  rows.push({
    section: SECTION,
    metric: `${label}: plain baseline per step p50 (for reference)`,
    value: round(per('plain', 50) / STEPS, 3),
    unit: 'us',
    baseline: round(per('bookkeeping', 50) / STEPS, 3),
    baselineName: 'bookkeeping chain per step p50',
  });
  for (const p of [50, 99]) {
    rows.push({
      section: SECTION,
      metric: `${label}: wall time per run p${p}`,
      value: round(per('baton', p), 1),
      unit: 'us',
      baseline: round(per('plain', p), 2),
      baselineName: 'plain',
      ratio: round(per('baton', p) / per('plain', p), 0),
    });
  }
  const runsPerSec = (name) => (times[name].length * 1e6) / sum(times[name]);
  rows.push({
    section: SECTION,
    metric: `${label}: runs/s (one run at a time)`,
    value: Math.round(runsPerSec('baton')),
    unit: 'runs/s',
    baseline: Math.round(runsPerSec('plain')),
    baselineName: 'plain',
    ratio: round(runsPerSec('baton') / runsPerSec('plain'), 4),
  });
  return rows;
}

/** @returns {Promise<import('./row.mjs').BenchRow[]>} */
export async function run() {
  warnIfBusy('in-process');
  const { app, client } = await bootApp();
  try {
    const seq = {
      baton: () => client.execute('seq10', {}),
      plain: () => plainChain(steps),
      bookkeeping: () => bookkeepingChain(steps),
    };
    const par = {
      baton: () => client.execute('par10', {}),
      plain: () => plainAll(steps),
      bookkeeping: () => bookkeepingAll(steps),
    };
    // Warm-up: JIT, and the default retention filled so measured runs also pay for dropping old runs.
    await measure(seq, WARMUP);
    await measure(par, WARMUP);
    const rows = [
      ...shapeRows(`10-step sequential (${RUNS} runs)`, await measure(seq, RUNS)),
      ...shapeRows(`10-wide parallel, no join (${RUNS} runs)`, await measure(par, RUNS)),
    ];

    const timers = {
      baton: () => client.execute('seq10-timer', {}),
      plain: () => plainChain(timerSteps),
    };
    await measure(timers, TIMER_WARMUP);
    const t = await measure(timers, TIMER_RUNS);
    const mean = (name) => sum(t[name]) / t[name].length;
    const median = (name) => percentile(t[name], 50);
    const added = ((median('baton') - median('plain')) / median('plain')) * 100;
    const addedMean = ((mean('baton') - mean('plain')) / mean('plain')) * 100;
    const label = `10-step sequential, 1 ms setTimeout steps (${TIMER_RUNS} runs)`;
    for (const [stat, pick, pct] of [
      ['median', median, added],
      ['mean', mean, addedMean],
    ]) {
      rows.push({
        section: SECTION,
        metric: `${label}: % added to run time (${stat})`,
        value: round(pct, 2),
        unit: '%',
        baseline: round(pick('plain') / 1000, 3),
        baselineName: `plain chain, same timers: ${stat} ms/run`,
        ratio: round(pick('baton') / pick('plain'), 4),
        target: '<= 1 %',
        met: pct <= 1,
      });
    }
    return rows;
  } finally {
    await app.close();
  }
}

if (isMain(import.meta.url)) {
  printRows(await run());
}
