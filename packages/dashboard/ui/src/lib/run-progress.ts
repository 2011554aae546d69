import type { ProgressEvent } from '@baton/runtime';

/** The latest progress of one step (`ctx.progress`), of whichever item or pass sent it last. */
export type StepProgress = Omit<ProgressEvent, 'runId'>;

/** The latest progress of each step of a run, by step name. */
export type ProgressByStep = Readonly<Record<string, StepProgress>>;

/** Most steps whose progress is kept (the ones heard from longest ago are dropped). */
export const MAX_PROGRESS_STEPS = 500;
/** Longest progress text kept for display, in characters. */
export const MAX_PROGRESS_TEXT = 2_000;

/**
 * Applies a `run:progress` batch: each step keeps only its latest event, and an event older than the one
 * held is ignored (the tail is sent again after a reconnect). Other runs' events are ignored. Returns
 * the same object when nothing changed.
 */
export function applyProgress(
  held: ProgressByStep,
  runId: string,
  events: readonly ProgressEvent[],
  maxSteps = MAX_PROGRESS_STEPS,
): ProgressByStep {
  let next: Record<string, StepProgress> | undefined;
  for (const { runId: run, ...event } of events) {
    const current = (next ?? held)[event.step];
    if (run !== runId || (current && current.ts > event.ts)) continue;
    next ??= { ...held };
    delete next[event.step];
    next[event.step] = event;
  }
  if (!next) return held;
  const names = Object.keys(next);
  if (names.length > maxSteps) {
    const oldest = names.sort((a, b) => next[a].ts - next[b].ts).slice(0, names.length - maxSteps);
    for (const name of oldest) delete next[name];
  }
  return next;
}

/**
 * Progress data as text: a string as is; the `text` or `tokens` string of an object (streamed tokens);
 * anything else as compact JSON. Cut to `max` characters (the end kept: the newest tokens).
 */
export function progressText(data: unknown, max = MAX_PROGRESS_TEXT): string {
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
  const text =
    typeof data === 'string'
      ? data
      : typeof record?.text === 'string'
        ? record.text
        : typeof record?.tokens === 'string'
          ? record.tokens
          : compactJson(data);
  return text.length > max ? `…${text.slice(text.length - max + 1)}` : text;
}

function compactJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
