/** Small helpers shared by the benchmark modules. */

/** The p-th percentile (0..100) of numbers. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** High-resolution now, in microseconds. */
export function nowUs() {
  return Number(process.hrtime.bigint()) / 1000;
}

/** Rounds for display. */
export function round(value, digits = 2) {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : value;
}
