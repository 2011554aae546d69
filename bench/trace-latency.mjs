/**
 * §4 Trace latency: how long a trace event takes from the runtime to a socket.io-client connected to the
 * dashboard gateway (in another process), at 100, 1 000 and 10 000 events/s, against a bare socket.io
 * emit loop at the same rates; whether every event arrives; and how much a dashboard client attached to
 * the app costs the runtime's throughput.
 *
 * Pacing: one `setInterval(1 ms)` pacer; on each tick it starts as many runs as are due by then
 * (`floor(elapsed * runsPerSecond) - started`), with runsPerSecond = target events/s divided by the events a
 * 1-step no-op run records (measured on a probe run). The baseline paces single events the same way.
 *
 * Latency = the client's Date.now() on receipt - event.ts (ms, same machine clock, so +-1 ms of rounding);
 * latency ratios divide by max(baseline, 1 ms). No event lost = for every run, the client got as many events
 * as `client.trace(runId)` holds, each run's seq 1, 2, 3... without gaps or repeats, and no `lost` count.
 *
 * Throughput: the no-op workflow driven flat out (IN_FLIGHT runs at a time) in short rounds, rotating four
 * conditions: client on `subscribe:trace`, client on `subscribe:runs`, no client, app without the dashboard.
 * BENCH_DEBUG=1 prints every round to stderr. The figures are only as quiet as the machine: the table's
 * header line shows the load average, and the bare baseline shows how much scheduling noise there was.
 *
 * Run alone: `node bench/trace-latency.mjs` (after `npx nx run-many -t build --outputStyle=static`).
 */
import { printTable } from './print-table.mjs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import { FLUSH_INTERVAL_MS } from '@baton/dashboard';
import { round } from './lib.mjs';
import { compare, delivered, pace, startApp, startBareServer, TraceClientProcess, WORKFLOW } from './trace-harness.mjs';

/** @typedef {import('./row.mjs').BenchRow} BenchRow */

const SECTION = '4. trace latency';
const RATES = [100, 1_000, 10_000];
const P99_TARGET_MS = { 1_000: 10, 10_000: 60 };
const LEVEL_MS = 3_000;
const WARMUP_MS = 1_000;
/** Runs kept in flight when driving the runtime flat out. */
const IN_FLIGHT = 64;
const THROUGHPUT_ROUND_MS = 600;
const THROUGHPUT_ROUNDS = 8;
const MAX_DROP = 0.05;

/** One rate through the bare socket.io server: single events, eventsPerRun per fake run so seqs are checked the same way. */
async function bareLevel(bare, traceClient, rate, durationMs, eventsPerRun) {
  await traceClient.reset();
  const expectedByRun = new Map();
  let n = 0;
  const sent = await pace(rate, durationMs, () => {
    const runId = `bare-${rate}-${Math.floor(n / eventsPerRun)}`;
    const seq = (n++ % eventsPerRun) + 1;
    expectedByRun.set(runId, seq);
    bare.emit({ seq, runId, ts: Date.now(), type: 'step.succeeded', step: 'step' });
  });
  return { ...compare(await delivered(traceClient, sent), expectedByRun), eventsPerSecond: sent / (durationMs / 1000) };
}

/** One rate through Baton: 1-step runs started at rate / eventsPerRun runs/s; expected = each run's stored trace. */
async function batonLevel(client, traceClient, rate, durationMs, eventsPerRun) {
  await traceClient.reset();
  const starts = [];
  await pace(rate / eventsPerRun, durationMs, () => starts.push(client.start(WORKFLOW, {})));
  const handles = await Promise.all(starts);
  await Promise.all(handles.map((handle) => handle.result()));
  const expectedByRun = new Map();
  for (const { runId } of handles) expectedByRun.set(runId, (await client.trace(runId)).length);
  const expected = [...expectedByRun.values()].reduce((a, b) => a + b, 0);
  return {
    ...compare(await delivered(traceClient, expected), expectedByRun),
    eventsPerSecond: expected / (durationMs / 1000),
    runs: handles.length,
  };
}

/**
 * Completed runs/s of the no-op workflow with IN_FLIGHT runs kept going for `durationMs`. Each worker
 * yields to the event loop between runs (as runs started from HTTP requests or queue messages do): a no-op
 * run settles in microtasks alone, and without the yield a round would starve every timer and socket,
 * so the gateway could not flush at all while it was measured.
 */
async function flatOut(client, durationMs) {
  const start = performance.now();
  const deadline = start + durationMs;
  let done = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      await (await client.start(WORKFLOW, {})).result();
      done++;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return done / ((performance.now() - start) / 1000);
}

/** A full GC between throughput rounds, so each starts from a similar heap (no-op where gc cannot be exposed). */
const collect = (() => {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc');
  } catch {
    return () => undefined;
  }
})();
const settle = async () => {
  collect();
  await new Promise((resolve) => setTimeout(resolve, 100));
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Throughput in short rounds, the conditions rotated each round so drift, GC and whatever else the machine
 * runs hit them alike: the dashboard app with the client subscribed to the trace (every event), the same
 * app with the client on the live run list instead (what the UI's runs page subscribes to), the same app
 * with no client, and an app without the dashboard module. Ratios are medians of per-round ratios, so a
 * slow round for the whole machine does not count against one condition.
 */
async function throughput(withDashboard, withoutDashboard, traceClient) {
  const order = ['trace', 'runs', 'detached', 'noModule'];
  const samples = Object.fromEntries(order.map((condition) => [condition, []]));
  await flatOut(withDashboard.client, WARMUP_MS);
  await flatOut(withoutDashboard.client, WARMUP_MS / 2);
  let attached = 'trace';
  await traceClient.reset(); // the client's counters now cover every attached round (detach keeps them)
  for (let round_ = 0; round_ < THROUGHPUT_ROUNDS; round_++) {
    for (let i = 0; i < order.length; i++) {
      const condition = order[(i + round_) % order.length];
      const wanted = condition === 'trace' || condition === 'runs' ? condition : undefined;
      if (attached !== wanted) {
        if (attached) await traceClient.detach();
        if (wanted) await traceClient.attach(wanted);
        attached = wanted;
      }
      await settle();
      const app = condition === 'noModule' ? withoutDashboard : withDashboard;
      samples[condition].push(await flatOut(app.client, THROUGHPUT_ROUND_MS));
      if (process.env.BENCH_DEBUG)
        console.error(`trace-latency: round ${round_} ${condition}: ${round(samples[condition].at(-1), 0)} runs/s`);
    }
  }
  await settle();
  const { lost, received, p99, runUpdates } = await traceClient.report();
  const ratio = (a, b) => median(samples[a].map((value, i) => value / samples[b][i]));
  return {
    ...Object.fromEntries(order.map((condition) => [condition, median(samples[condition])])),
    traceRatio: ratio('trace', 'detached'),
    runsRatio: ratio('runs', 'detached'),
    moduleRatio: ratio('detached', 'noModule'),
    spread: [Math.min(...samples.detached), Math.max(...samples.detached)],
    lost,
    received,
    p99,
    runUpdates,
  };
}

/** @returns {Promise<BenchRow[]>} */
export async function run() {
  const closers = [];
  try {
    const bare = await startBareServer();
    closers.push(() => bare.close());
    const baton = await startApp();
    closers.push(() => baton.app.close());
    const plain = await startApp({ dashboard: false });
    closers.push(() => plain.app.close());

    const probe = await baton.client.start(WORKFLOW, {});
    await probe.result();
    const eventsPerRun = (await baton.client.trace(probe.runId)).length;

    const bareClient = await TraceClientProcess.start(bare.url);
    closers.push(() => bareClient.stop());
    const batonClient = await TraceClientProcess.start(baton.url);
    closers.push(() => batonClient.stop());

    // Warm both paths (JIT, socket buffers) before measuring.
    await bareLevel(bare, bareClient, 1_000, WARMUP_MS, eventsPerRun);
    await batonLevel(baton.client, batonClient, 1_000, WARMUP_MS, eventsPerRun);

    const levels = [];
    for (const rate of RATES) {
      const baseline = await bareLevel(bare, bareClient, rate, LEVEL_MS, eventsPerRun);
      const measured = await batonLevel(baton.client, batonClient, rate, LEVEL_MS, eventsPerRun);
      levels.push({ rate, baseline, measured });
    }
    await bareClient.stop();

    const load = await throughput(baton, plain, batonClient);
    return toRows(levels, load, eventsPerRun);
  } finally {
    for (const close of closers.reverse())
      await Promise.resolve()
        .then(close)
        .catch(() => undefined);
  }
}

function toRows(levels, load, eventsPerRun) {
  const rows = [];
  const bareName = 'bare socket.io emit loop';
  for (const { rate, baseline, measured } of levels) {
    const label = `${rate.toLocaleString('en-US')} ev/s`;
    rows.push({
      section: SECTION,
      metric: `${label}: achieved event rate (${round(measured.runs / (LEVEL_MS / 1000), 1)} runs/s x ${eventsPerRun} events)`,
      value: round(measured.eventsPerSecond, 0),
      unit: 'ev/s',
      baseline: round(baseline.eventsPerSecond, 0),
      baselineName: bareName,
      ratio: round(measured.eventsPerSecond / baseline.eventsPerSecond),
    });
    for (const p of ['p50', 'p99', 'max']) {
      const target = p === 'p99' ? P99_TARGET_MS[rate] : undefined;
      rows.push({
        section: SECTION,
        metric: `${label}: latency ${p}`,
        value: measured[p],
        unit: 'ms',
        baseline: baseline[p],
        baselineName: bareName,
        ratio: round(measured[p] / Math.max(baseline[p], 1)),
        ...(target !== undefined && { target: `<= ${target} ms`, met: measured[p] <= target }),
      });
    }
    const problems = describeLoss(measured);
    rows.push({
      section: SECTION,
      metric: `${label}: events received of expected${problems}`,
      value: measured.received,
      unit: 'events',
      baseline: measured.expected,
      baselineName: 'expected (sum of client.trace(runId))',
      ratio: round(measured.received / measured.expected, 4),
      target:
        'no event lost (bare: ' +
        (baseline.complete ? 'none lost' : `${baseline.expected - baseline.received} lost`) +
        ')',
      met: measured.complete && measured.received === measured.expected,
    });
  }
  const spread = `${round(load.spread[0], 0)}..${round(load.spread[1], 0)}`;
  rows.push({
    section: SECTION,
    metric: `flat out: no-op runs/s, client on subscribe:trace (${IN_FLIGHT} in flight, median of ${THROUGHPUT_ROUNDS} x ${THROUGHPUT_ROUND_MS} ms)`,
    value: round(load.trace, 0),
    unit: 'runs/s',
    baseline: round(load.detached, 0),
    baselineName: `same app, no client; rounds ${spread}`,
    ratio: round(load.traceRatio, 3),
    target: `drop <= ${MAX_DROP * 100} % (ratio >= ${1 - MAX_DROP})`,
    met: load.traceRatio >= 1 - MAX_DROP,
  });
  rows.push({
    section: SECTION,
    metric: 'flat out: subscribe:trace events delivered (baseline: dropped for the slow client)',
    value: load.received,
    unit: 'events',
    baseline: load.lost,
    baselineName: 'trace:events lost',
  });
  rows.push({ section: SECTION, metric: 'flat out: subscribe:trace latency p99', value: load.p99, unit: 'ms' });
  rows.push({
    section: SECTION,
    metric: `flat out: no-op runs/s, client on subscribe:runs (the UI's live run list)${load.runUpdates ? '' : ' (NO runs:update received)'}`,
    value: round(load.runs, 0),
    unit: 'runs/s',
    baseline: round(load.detached, 0),
    baselineName: 'same app, no client',
    ratio: round(load.runsRatio, 3),
  });
  rows.push({
    section: SECTION,
    metric: 'flat out: no-op runs/s, dashboard module loaded, no client',
    value: round(load.detached, 0),
    unit: 'runs/s',
    baseline: round(load.noModule, 0),
    baselineName: 'app without BatonDashboardModule',
    ratio: round(load.moduleRatio, 3),
  });
  return rows;
}

function describeLoss(m) {
  const parts = [];
  if (m.mismatchedRuns) parts.push(`${m.mismatchedRuns} runs incomplete`);
  if (m.gaps) parts.push(`${m.gaps} seq gaps`);
  if (m.repeats) parts.push(`${m.repeats} repeats`);
  if (m.lost) parts.push(`${m.lost} reported lost`);
  if (m.strangers) parts.push(`${m.strangers} unexpected runs`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  console.log(
    `${SECTION} (gateway FLUSH_INTERVAL_MS = ${FLUSH_INTERVAL_MS}; ${LEVEL_MS / 1000} s per rate; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  printTable(await run());
  console.log(`(${round((performance.now() - started) / 1000, 1)} s)`);
}
