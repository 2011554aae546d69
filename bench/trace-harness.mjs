/**
 * The plumbing of the trace-latency benchmark (bench/trace-latency.mjs): the Nest app under test, the bare
 * socket.io baseline server, the trace client in its own process, a 1 ms pacer, and the comparison of what
 * the client received with what was expected.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Server } from 'socket.io';
import { registerStep, registerWorkflow } from '@baton/sdk';
import { BatonClient, BatonModule } from '@baton/runtime';
import { BatonDashboardModule, DASHBOARD_NAMESPACE } from '@baton/dashboard';

const CLIENT_FILE = fileURLToPath(new URL('./trace-client.mjs', import.meta.url));
/** How long the client may take to receive what was sent. */
const DRAIN_TIMEOUT_MS = 10_000;
/** The one-step no-op workflow the benchmark runs. */
export const WORKFLOW = 'bench-trace-noop';

class NoopWorkflow {
  step() {
    return 1;
  }
}
registerWorkflow(NoopWorkflow, { name: WORKFLOW });
registerStep(NoopWorkflow, 'step');

/** A Nest HTTP app with Baton (memory transport) and, unless `dashboard` is false, the dashboard. */
export async function startApp({ dashboard = true } = {}) {
  class AppModule {}
  Module({
    imports: [BatonModule.forRoot(), ...(dashboard ? [BatonDashboardModule.forRoot()] : [])],
    providers: [NoopWorkflow],
  })(AppModule);
  const app = await NestFactory.create(AppModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, client: app.get(BatonClient), url: await app.getUrl() };
}

/** The baseline: a plain socket.io server whose `/baton` namespace emits events to subscribed sockets. */
export async function startBareServer() {
  const http = createServer();
  const io = new Server(http);
  const namespace = io.of(DASHBOARD_NAMESPACE);
  namespace.on('connection', (socket) => {
    socket.on('subscribe:trace', (ack) => {
      socket.join('trace');
      ack?.({ ok: true });
    });
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${http.address().port}`;
  return {
    url,
    emit: (event) => namespace.to('trace').emit('trace:events', { events: [event] }),
    close: () => io.close(),
  };
}

/** The trace client in its own process, driven over IPC. */
export class TraceClientProcess {
  /** @param {string} url */
  static async start(url) {
    const child = fork(CLIENT_FILE, [url], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const process_ = new TraceClientProcess(child);
    await process_.next('ready');
    return process_;
  }

  constructor(child) {
    this.child = child;
    this.waiters = [];
    child.on('message', (message) => {
      if (message.type === 'error') return this.failAll(new Error(`trace client: ${message.message}`));
      const index = this.waiters.findIndex((w) => w.type === message.type);
      if (index >= 0) this.waiters.splice(index, 1)[0].resolve(message);
    });
    child.on('exit', (code) => this.failAll(new Error(`trace client exited with code ${code}`)));
  }

  failAll(error) {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  next(type, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`trace client: no '${type}' within ${timeoutMs} ms`)), timeoutMs);
      const done = (fn) => (value) => (clearTimeout(timer), fn(value));
      this.waiters.push({ type, resolve: done(resolve), reject: done(reject) });
    });
  }

  request(message, replyType) {
    const reply = this.next(replyType);
    this.child.send(message);
    return reply;
  }

  reset = () => this.request({ type: 'reset' }, 'reset');
  report = (runs = false) => this.request({ type: 'report', runs }, 'report');
  attach = (mode = 'trace') => this.request({ type: 'attach', mode }, 'ready');
  detach = () => this.request({ type: 'detach' }, 'detached');

  async stop() {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'stop' });
    const timer = setTimeout(() => this.child.kill(), 2_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Calls `fire` `perSecond` times a second for `durationMs`, evenly by a 1 ms pacer; resolves with the count. */
export function pace(perSecond, durationMs, fire) {
  return new Promise((resolve) => {
    const start = performance.now();
    let fired = 0;
    const timer = setInterval(() => {
      const elapsed = Math.min(performance.now() - start, durationMs);
      const due = Math.floor((elapsed / 1000) * perSecond) - fired;
      for (let i = 0; i < due; i++) fire();
      fired += due;
      if (elapsed >= durationMs) {
        clearInterval(timer);
        resolve(fired);
      }
    }, 1);
  });
}

/** Polls the client until it holds `expected` events (or the deadline passes); returns its full report. */
export async function delivered(traceClient, expected) {
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  while ((await traceClient.report()).received < expected && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return traceClient.report(true);
}

/** Compares what the client got per run with what was expected per run. */
export function compare(report, expectedByRun) {
  let expected = 0;
  let mismatchedRuns = 0;
  for (const [runId, count] of expectedByRun) {
    expected += count;
    if ((report.runs[runId] ?? 0) !== count) mismatchedRuns++;
  }
  const strangers = Object.keys(report.runs).filter((runId) => !expectedByRun.has(runId)).length;
  const complete =
    mismatchedRuns === 0 && strangers === 0 && report.gaps === 0 && report.repeats === 0 && report.lost === 0;
  return {
    expected,
    received: report.received,
    complete,
    mismatchedRuns,
    strangers,
    p50: report.p50,
    p99: report.p99,
    max: report.max,
    gaps: report.gaps,
    repeats: report.repeats,
    lost: report.lost,
  };
}
