import type { Page } from 'playwright-core';

/** The p50, p99 and max of a list of durations (ms), and how many there were. */
export interface Spread {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

/** The p50, p99 and max of a list of durations (ms). */
export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN, n: sorted.length };
}

/** What the page recorded between {@link recordFrames} and its stop. */
export interface FrameRecord {
  /** The gaps between consecutive animation frames (ms): a smooth page has them near 16.7. */
  gaps: Spread;
  /** The main thread's long tasks (over 50 ms), by duration. */
  longTasks: Spread;
}

/**
 * Starts recording, in the page, the gap between consecutive `requestAnimationFrame` callbacks and the
 * main thread's long tasks; the returned function stops and reads them back.
 */
export async function recordFrames(page: Page): Promise<() => Promise<FrameRecord>> {
  await page.evaluate(() => {
    const w = window as unknown as { frameGaps: number[]; longTasks: number[]; recording: boolean };
    w.frameGaps = [];
    w.longTasks = [];
    w.recording = true;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (w.recording) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    let last: number | undefined;
    const tick = (now: number): void => {
      if (last !== undefined) w.frameGaps.push(now - last);
      last = now;
      if (w.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return async () => {
    const { gaps, long } = await page.evaluate(() => {
      const w = window as unknown as { frameGaps: number[]; longTasks: number[]; recording: boolean };
      w.recording = false;
      return { gaps: w.frameGaps, long: w.longTasks };
    });
    return { gaps: spread(gaps), longTasks: spread(long) };
  };
}
