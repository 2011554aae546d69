/**
 * Shared by the in-process benchmark modules (in-process, memory, scaling-memory): the benchmark
 * workflows, defined with the SDK's register functions (no decorators), a Nest application context
 * booted on the memory transport, and small process helpers.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { registerParallel, registerStep, registerWorkflow } from '@baton/sdk';
import { ticket, ticketWorkflow } from './ticket-workflow.mjs';
import { BatonClient, BatonModule } from '@baton/runtime';

/** Number of steps of the `seq10` and `par10` workflows. */
export const STEPS = 10;

const NAMES = Array.from({ length: STEPS }, (_, i) => `s${i}`);

/** Ten no-op async steps, run one after the other (the implicit declaration-order sequence). */
export class Seq10 {}
/** Ten no-op async steps in one `registerParallel` group, with nothing after it (no join step). */
export class Par10 {}
/** Ten steps that each wait a real `setTimeout(1)`, run one after the other. */
export class Seq10Timer {}
/** Ten no-op async steps in one `registerParallel` group, then a `join` step that waits for all ten. */
export class Par10Join {}

/** A no-op async step, as a plain function: what both Baton and the baselines call. */
export function noop() {
  return Promise.resolve(0);
}
/** A 1 ms step: one real timer. */
export function sleep1() {
  return new Promise((resolve) => setTimeout(resolve, 1, 0));
}

for (const name of NAMES) {
  Seq10.prototype[name] = noop;
  Par10.prototype[name] = noop;
  Seq10Timer.prototype[name] = sleep1;
  Par10Join.prototype[name] = noop;
}
Par10Join.prototype.join = function join(ctx) {
  return Promise.resolve(Object.keys(ctx.results).length);
};
registerWorkflow(Seq10, { name: 'seq10' });
registerWorkflow(Par10, { name: 'par10' });
registerWorkflow(Seq10Timer, { name: 'seq10-timer' });
registerWorkflow(Par10Join, { name: 'par10-join', output: 'join' });
for (const name of NAMES) {
  registerStep(Seq10, name);
  registerStep(Seq10Timer, name);
  registerParallel(Par10, name);
  registerStep(Par10, name);
  registerParallel(Par10Join, name);
  registerStep(Par10Join, name);
}
registerStep(Par10Join, 'join');

/** The support-ticket workflow (see ticket-workflow.mjs), and its inputs. */
export const SupportTicket = ticketWorkflow('support-ticket');
export { ticket };

/**
 * Boots a Nest application context with `BatonModule` on the memory transport and every benchmark
 * workflow. Close it with `app.close()`.
 *
 * @param options - extra `BatonModule.forRoot` options (e.g. `retainRuns`)
 */
export async function bootApp(options = {}) {
  class AppModule {}
  // A class decorator returns nothing: apply it, then use the class.
  Module({
    imports: [BatonModule.forRoot({ transport: 'memory', ...options })],
    providers: [Seq10, Par10, Seq10Timer, Par10Join, SupportTicket],
  })(AppModule);
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
  return { app, client: app.get(BatonClient) };
}

/** Whether `importMetaUrl` is the script node was started with. */
export function isMain(importMetaUrl) {
  return process.argv[1] !== undefined && importMetaUrl === pathToFileURL(process.argv[1]).href;
}

/**
 * Runs `node [flags] <module> <args>` and resolves with the JSON the child printed on its last stdout
 * line (the child's stderr passes through).
 */
export function runChildJson(moduleUrl, flags, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, fileURLToPath(moduleUrl), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0)
        return reject(new Error(`${fileURLToPath(moduleUrl)} ${args.join(' ')} exited with code ${code}`));
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last));
      } catch (error) {
        reject(
          new Error(`${fileURLToPath(moduleUrl)} printed no JSON result: ${last.slice(0, 200)}`, { cause: error }),
        );
      }
    });
  });
}

/**
 * Writes a note to stderr when other processes keep the CPUs busy: timings (p99 above all) are then
 * inflated, and the run should be repeated on a quiet machine before its numbers are recorded.
 */
export function warnIfBusy(name) {
  const load = loadavg()[0];
  if (load > cpus().length * 0.5) {
    process.stderr.write(
      `bench: ${name}: load average ${load.toFixed(1)} on ${cpus().length} CPUs; timings are inflated by other processes\n`,
    );
  }
}

/** Prints benchmark rows as a table (the one format of every module). */
export { printTable as printRows } from './print-table.mjs';
