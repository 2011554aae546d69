import type { UsageTotals } from '@baton/runtime';

export type { UsageTotals };

/** Counters shown first, in this order (the budget's); any other counter follows by name. */
const FIRST = ['steps', 'tokens', 'costUsd'];
const LABELS: Record<string, string> = { steps: 'steps', tokens: 'tokens', costUsd: 'cost' };
/** Groups thousands: `1 840` (a narrow no-break space, so a number never wraps). */
const GROUP = '\u202f';

/** Sums without binary noise in money (0.1 + 0.2 stays 0.3), as the runtime does. */
const round = (value: number): number => Math.round(value * 1e9) / 1e9;

/** The finite number counters of a value (a `step.usage` event's `data.usage`); `undefined` when none. */
export function usageAmounts(value: unknown): UsageTotals | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const amounts: UsageTotals = {};
  for (const [counter, amount] of Object.entries(value as Record<string, unknown>))
    if (typeof amount === 'number' && Number.isFinite(amount)) amounts[counter] = amount;
  return Object.keys(amounts).length > 0 ? amounts : undefined;
}

/** Adds `amounts` into `totals` and returns it. */
export function addUsage(totals: UsageTotals, amounts: UsageTotals): UsageTotals {
  for (const [counter, amount] of Object.entries(amounts)) totals[counter] = round((totals[counter] ?? 0) + amount);
  return totals;
}

/** Counter by counter, the larger of two totals: usage only grows, so the larger one is the fresher. */
export function maxUsage(a: UsageTotals | undefined, b: UsageTotals | undefined): UsageTotals | undefined {
  if (!a || !b) return a ?? b;
  const merged: UsageTotals = { ...a };
  for (const [counter, amount] of Object.entries(b)) merged[counter] = Math.max(merged[counter] ?? amount, amount);
  return merged;
}

/** The counters of a total in display order: steps, tokens, costUsd, then the others by name. */
export function usageEntries(usage: UsageTotals | undefined): [string, number][] {
  const entries = Object.entries(usage ?? {});
  const order = (counter: string): number => (FIRST.includes(counter) ? FIRST.indexOf(counter) : FIRST.length);
  return entries.sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b));
}

/** How a counter is named on screen: `cost` for `costUsd`, the counter's own name otherwise. */
export function usageLabel(counter: string): string {
  return LABELS[counter] ?? counter;
}

/** An amount for display: money as `$0.0112`, counts with grouped thousands (`1 840`). */
export function formatUsageValue(counter: string, value: number): string {
  if (counter === 'costUsd') {
    if (value > 0 && value < 0.0001) return '<$0.0001';
    return `$${value >= 1 ? value.toFixed(2) : String(Number(value.toFixed(4)))}`;
  }
  const [whole, fraction] = String(Number(value.toFixed(2))).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** A short count: `480`, `1.8k`, `12k`, `3.4M`. */
function compact(value: number): string {
  const scaled = (n: number, unit: string): string => `${Number(n.toFixed(n < 10 ? 1 : 0))}${unit}`;
  if (Math.abs(value) >= 1e6) return scaled(value / 1e6, 'M');
  if (Math.abs(value) >= 1e3) return scaled(value / 1e3, 'k');
  return String(Number(value.toFixed(2)));
}

/** A step's usage on its graph node, short: its tokens (`1.8k tok`), else its cost, else its first counter. */
export function compactUsage(usage: UsageTotals | undefined): string | undefined {
  if (usage?.tokens !== undefined) return `${compact(usage.tokens)} tok`;
  if (usage?.costUsd !== undefined) return formatUsageValue('costUsd', Number(usage.costUsd.toPrecision(2)));
  const first = usageEntries(usage).find(([counter]) => counter !== 'steps');
  return first ? `${compact(first[1])} ${first[0]}` : undefined;
}

/** Every counter of a total on one line, for a tooltip: `tokens 1 120 · cost $0.0112`. */
export function describeUsage(usage: UsageTotals | undefined): string {
  return usageEntries(usage)
    .map(([counter, value]) => `${usageLabel(counter)} ${formatUsageValue(counter, value)}`)
    .join(' · ');
}
