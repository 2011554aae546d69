/** Formats a figure for the table: booleans as yes/NO, numbers to 3 significant places at most. */
export function fmt(value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'NO';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(2);
}

/**
 * Prints benchmark rows (see row.mjs) as one aligned text table: the one table format of `npm run bench`
 * and of every module run alone.
 * @param {import('./row.mjs').BenchRow[]} rows
 */
export function printTable(rows) {
  const header = ['section', 'metric', 'baton', 'unit', 'baseline', 'ratio', 'target', 'met'];
  const body = rows.map((r) => [
    r.section,
    r.metric,
    fmt(r.value),
    r.unit,
    r.baseline === undefined ? '' : `${fmt(r.baseline)} (${r.baselineName ?? 'baseline'})`,
    fmt(r.ratio),
    r.target ?? '',
    r.met === undefined ? '' : fmt(r.met),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ');
  process.stdout.write(
    `${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${body.map(line).join('\n')}\n`,
  );
}
