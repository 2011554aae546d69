/** Formatting helpers: durations, times and JSON for display. */

/** `850 ms`, `2.4 s`, `3 m 05 s`, `1 h 02 m`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  const value = Math.max(0, ms);
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 10_000) return `${Number((value / 1000).toFixed(2))} s`;
  if (value < 60_000) return `${Number((value / 1000).toFixed(1))} s`;
  const seconds = Math.floor(value / 1000);
  if (seconds < 3600 && value % 60_000 === 0) return `${seconds / 60} m`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} m ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(seconds / 3600)} h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')} m`;
}

/** A timestamp as local time of day with milliseconds, or the date too when not today. */
export function formatTime(ts: number | undefined): string {
  if (ts === undefined) return '—';
  const date = new Date(ts);
  const time =
    date.toLocaleTimeString(undefined, { hour12: false }) + `.${String(date.getMilliseconds()).padStart(3, '0')}`;
  const today = new Date();
  if (date.toDateString() === today.toDateString()) return time;
  return `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${time}`;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A timestamp as local date and time, `2026-12-02 14:03:21` (always with the date: unambiguous in a long list). */
export function formatDateTime(ts: number | undefined): string {
  if (ts === undefined || !Number.isFinite(ts)) return '—';
  const d = new Date(ts);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A timestamp as the value of a `datetime-local` input with seconds (`2026-12-02T14:03:21`), local time. */
export function toDateTimeInput(ts: number | undefined): string {
  return ts === undefined || !Number.isFinite(ts) ? '' : formatDateTime(ts).replace(' ', 'T');
}

/** The epoch ms of a `datetime-local` value (local time), or undefined when empty or invalid. */
export function fromDateTimeInput(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** A timestamp relative to now: `4 s ago`, `3 m ago`, `2 h ago`, or the date. */
export function formatAgo(ts: number, now: number): string {
  const s = Math.max(0, Math.round((now - ts) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return new Date(ts).toLocaleDateString();
}

/** Pretty JSON for a value; `undefined` shows as such, and cycles or BigInts never throw. */
export function toJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v), 2) ?? unserializable(value)
    );
  } catch {
    return unserializable(value);
  }
}

/** Words for what JSON cannot show: a function, a symbol, or a value with cycles. */
function unserializable(value: unknown): string {
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (typeof value === 'symbol') return value.toString();
  return '[value with cycles]';
}

/** The first part of a run id, enough to tell runs apart in a list. */
export function shortId(runId: string): string {
  return runId.length > 13 ? runId.slice(0, 8) : runId;
}
