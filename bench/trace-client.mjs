/**
 * The dashboard client of the trace-latency benchmark (§4), run in its own process by
 * `bench/trace-latency.mjs` through `child_process.fork(file, [url])`.
 *
 * It connects a socket.io-client to `<url>/baton` (websocket only), emits `subscribe:trace`, and for every
 * event of every `trace:events { events, lost? }` batch records latency = Date.now() - event.ts (both clocks
 * are this machine's). It also checks each run's seq: 1, 2, 3... in order, without gaps or repeats.
 * Attached with `mode: 'runs'` it subscribes to the live run list instead (`subscribe:runs`, what the
 * dashboard UI's runs page does) and only counts the `runs:update` messages.
 *
 * IPC, parent -> client:  { type: 'reset' } | { type: 'report', runs?: boolean } | { type: 'detach' }
 *                         | { type: 'attach', mode?: 'trace' | 'runs' } | { type: 'stop' }
 *            client -> parent: { type: 'ready' } after each subscribe ack, { type: 'detached' },
 *                         { type: 'reset' }, { type: 'report', ...stats }, { type: 'error', message }.
 */
import { io } from 'socket.io-client';
import { percentile } from './lib.mjs';

const url = process.argv[2];
if (!url || !process.send) {
  console.error('usage: forked by bench/trace-latency.mjs with the server URL as its argument');
  process.exit(2);
}

/** What was received since the last reset. */
function freshStats() {
  return {
    latencies: [],
    received: 0,
    batches: 0,
    lost: 0,
    gaps: 0,
    repeats: 0,
    runUpdates: 0,
    lastSeq: new Map(),
    counts: new Map(),
  };
}
let stats = freshStats();
/** What to subscribe to on (re)connect. */
let mode = 'trace';

const socket = io(`${url}/baton`, { transports: ['websocket'], reconnection: false });

socket.on('trace:events', (batch) => {
  const now = Date.now();
  stats.batches++;
  stats.lost += batch.lost ?? 0;
  for (const event of batch.events) {
    stats.latencies.push(now - event.ts);
    stats.received++;
    const last = stats.lastSeq.get(event.runId) ?? 0;
    if (event.seq <= last) stats.repeats++;
    else if (event.seq !== last + 1) stats.gaps++;
    stats.lastSeq.set(event.runId, Math.max(last, event.seq));
    stats.counts.set(event.runId, (stats.counts.get(event.runId) ?? 0) + 1);
  }
});

socket.on('runs:update', (update) => {
  stats.runUpdates += update.runs.length;
});

socket.on('connect', () => {
  const subscribe = mode === 'runs' ? ['subscribe:runs', {}] : ['subscribe:trace'];
  socket
    .timeout(5_000)
    .emitWithAck(...subscribe)
    .then(() => process.send({ type: 'ready' }))
    .catch((error) => fail(`${subscribe[0]} was not acknowledged: ${error.message}`));
});
socket.on('connect_error', (error) => fail(`cannot connect to ${url}/baton: ${error.message}`));

function fail(message) {
  process.send({ type: 'error', message }, () => process.exit(1));
}

function report(withRuns) {
  const { latencies } = stats;
  return {
    type: 'report',
    received: stats.received,
    batches: stats.batches,
    lost: stats.lost,
    gaps: stats.gaps,
    repeats: stats.repeats,
    runUpdates: stats.runUpdates,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.reduce((a, b) => Math.max(a, b), -Infinity),
    ...(withRuns && { runs: Object.fromEntries(stats.counts) }),
  };
}

process.on('message', (message) => {
  switch (message.type) {
    case 'reset':
      stats = freshStats();
      process.send({ type: 'reset' });
      break;
    case 'report':
      process.send(report(message.runs === true));
      break;
    case 'detach':
      socket.disconnect();
      process.send({ type: 'detached' });
      break;
    case 'attach':
      mode = message.mode ?? 'trace';
      socket.connect(); // 'connect' subscribes and sends 'ready'
      break;
    case 'stop':
      socket.disconnect();
      process.disconnect();
      break;
  }
});
// The parent went away: do not linger.
process.on('disconnect', () => {
  socket.disconnect();
  process.exit(0);
});
