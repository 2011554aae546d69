/**
 * Prints the "Targets" tables of docs/performance.md (met and missed, from every row that has a target)
 * from bench/results/latest.json: `node bench/report.mjs > /tmp/targets.md`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { rows, machine, at } = JSON.parse(readFileSync(join(here, 'results', 'latest.json'), 'utf8'));
const fmt = (v) =>
  typeof v !== 'number'
    ? String(v ?? '')
    : Math.abs(v) >= 100
      ? v.toFixed(0)
      : Math.abs(v) >= 1
        ? v.toFixed(2)
        : v.toPrecision(2);
const line = (r) =>
  `| ${r.section} | ${r.metric} | ${fmt(r.value)} ${r.unit}${r.baseline === undefined ? '' : ` vs ${fmt(r.baseline)} (${r.baselineName ?? 'baseline'})`} | ${r.target} |`;
const judged = rows.filter((r) => r.target !== undefined && r.met !== undefined);
const table = (list) =>
  ['| section | figure | Baton (vs baseline) | target |', '| --- | --- | --- | --- |', ...list.map(line)].join('\n');
process.stdout.write(
  `Recorded ${at} on ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, ${machine.platform}.\n\n`,
);
process.stdout.write(`Met (${judged.filter((r) => r.met).length}):\n\n${table(judged.filter((r) => r.met))}\n\n`);
process.stdout.write(`Missed (${judged.filter((r) => !r.met).length}):\n\n${table(judged.filter((r) => !r.met))}\n`);
