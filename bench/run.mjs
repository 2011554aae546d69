/**
 * `npm run bench`: runs every benchmark module in turn (each exports `run(): Promise<BenchRow[]>`),
 * prints one table with baselines and ratios, and writes bench/results/latest.json with the machine.
 * Select modules with BENCH=in-process,distributed,... (default: all).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { fileURLToPath } from 'node:url';
import { printTable } from './print-table.mjs';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const MODULES = [
  'in-process',
  'memory',
  'scaling-memory',
  'distributed',
  'scaling-bull',
  'trace-latency',
  'peers-inproc',
  'peers-queue',
  'step-index',
  'loop-pass',
];
const selected = process.env.BENCH ? process.env.BENCH.split(',') : MODULES;

const started = Date.now();
const rows = [];
const failures = [];
for (const name of selected) {
  const t0 = Date.now();
  process.stderr.write(`bench: ${name}...\n`);
  try {
    const module = await import(join(here, `${name}.mjs`));
    rows.push(...(await module.run()));
  } catch (error) {
    failures.push({ module: name, error: String(error?.stack ?? error) });
    process.stderr.write(`bench: ${name} failed: ${error?.stack ?? error}\n`);
  }
  process.stderr.write(`bench: ${name} took ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

printTable(rows);
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${platform()} ${release()}`,
};
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'latest.json'),
  `${JSON.stringify({ at: new Date().toISOString(), durationS: (Date.now() - started) / 1000, machine, rows, failures }, null, 2)}\n`,
);
process.stdout.write(
  `\n${rows.length} figures in ${((Date.now() - started) / 1000).toFixed(0)} s on ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}; written to bench/results/latest.json\n`,
);
if (failures.length > 0) process.exitCode = 1;
