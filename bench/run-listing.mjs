/**
 * Run listing at 100 000 runs (issue 13): how long `listRuns` takes for one page and its total, in the
 * in-memory store and in the Redis store (a private redis-server), unfiltered and with each filter.
 *
 * Both stores are filled through their own writers with BENCH_LISTING_RUNS finished one-step runs
 * (default 100 000; 500 customers, one run in 100 failed), then every query runs BENCH_LISTING_REPEAT
 * times (default 7); the table shows the median and the worst, in ms. Run alone, after
 * `npm run build`: `node bench/run-listing.mjs`.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { compileWorkflow, Step, Workflow } from '@baton/sdk';
import { InMemoryRunStore, RedisKeys, RedisRunStore, RunWriter, startRun } from '@baton/runtime/internal';
import { startRedisServer } from '@baton/runtime/testing';
import { percentile, round } from './lib.mjs';

const RUNS = Number(process.env.BENCH_LISTING_RUNS ?? 100_000);
const REPEAT = Number(process.env.BENCH_LISTING_REPEAT ?? 7);
const SECTION = '11. run listing (issue 13)';

class Listed {
  a() {}
}
Step()(Listed.prototype, 'a', Object.getOwnPropertyDescriptor(Listed.prototype, 'a'));
Workflow({ name: 'listed' })(Listed);
const graph = compileWorkflow(Listed);

/** Run i: started at T0 + i ms; finished (one in 100 failed). */
const T0 = Date.UTC(2026, 11, 1);
function runOf(i) {
  const { state } = startRun(graph, {
    runId: `run-${String(i).padStart(6, '0')}-${((i * 2654435761) % 2 ** 32).toString(36)}`,
    input: { ticket: i, customer: `customer-${i % 500}`, note: i % 7 === 0 ? 'Refund please' : 'question' },
    at: T0 + i,
  });
  return state;
}
const finished = (state, i) => ({
  ...state,
  status: i % 100 === 7 ? 'failed' : 'succeeded',
  endedAt: state.startedAt + 1,
  seq: state.seq + 1,
});

const QUERIES = [
  ['page 1, no filter (total = index size)', {}],
  ['page 1, workflow', { workflow: 'listed' }],
  ['search by run id fragment', { search: '042424' }],
  ['search by input text (200 matches)', { search: 'customer-123"' }],
  ['status failed (1 000 matches)', { status: 'failed' }],
  ['status + time range (middle 40 %)', { status: 'failed', from: T0 + 30_000, to: T0 + 70_000 }],
  ['search, nothing matches', { search: 'no such text' }],
];

async function time(store, query) {
  const times = [];
  let page;
  for (let i = 0; i < REPEAT; i++) {
    const start = performance.now();
    page = await store.list({ ...query, limit: 50 });
    times.push(performance.now() - start);
  }
  return { median: percentile(times, 50), max: Math.max(...times), total: page.total };
}

async function memoryRows() {
  const store = new InMemoryRunStore(RUNS + 10);
  for (let i = 0; i < RUNS; i++) {
    const state = runOf(i);
    store.createSync(state);
    store.finishedSync(finished(state, i));
  }
  const rows = [];
  for (const [label, query] of QUERIES) rows.push(row('memory', label, await time(store, query)));
  return rows;
}

async function redisRows() {
  const server = await startRedisServer();
  const redis = new Redis(server.url);
  try {
    const keys = new RedisKeys(`bench-listing-${process.pid}`);
    const writer = new RunWriter(redis, keys, { retentionMs: 3_600_000, maxPayloadBytes: 65_536 });
    const fill = performance.now();
    let next = 0;
    const lane = async () => {
      while (next < RUNS) {
        const i = next++;
        const state = finished(runOf(i), i);
        // Created already finished: one create script per run (what a run ended in its first transition writes).
        await writer.create({ state, events: [], actions: [] }, graph);
      }
    };
    await Promise.all(Array.from({ length: 64 }, lane));
    console.log(`redis: ${RUNS} runs written in ${round((performance.now() - fill) / 1000, 1)} s`);
    const memory = await redis.info('memory');
    console.log(`redis used_memory: ${/used_memory_human:(\S+)/.exec(memory)?.[1]}`);
    const store = new RedisRunStore(redis, keys);
    const rows = [];
    for (const [label, query] of QUERIES) rows.push(row('redis', label, await time(store, query)));
    return rows;
  } finally {
    redis.disconnect();
    await server.stop();
  }
}

function row(store, label, { median, max, total }) {
  return { section: SECTION, store, query: label, total, 'median ms': round(median, 1), 'max ms': round(max, 1) };
}

const rows = [...(await memoryRows()), ...(await redisRows())];
console.table(rows.map(({ section: _section, ...rest }) => rest));
