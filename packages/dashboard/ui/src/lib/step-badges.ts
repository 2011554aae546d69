import type { StepNode } from '@baton/sdk';
import { formatDuration } from './format.js';

/** One policy badge of a step. */
export interface StepBadge {
  kind: 'foreach' | 'join' | 'retry' | 'timeout' | 'fallback' | 'wait' | 'delay';
  label: string;
  title: string;
}

const JOIN_TITLES = {
  any: 'join any: runs once one dependency succeeded; the others, if nothing else needs them, are superseded',
  allSettled: 'join allSettled: runs once every dependency settled, failed or not (ctx.failures lists the failed)',
};

/**
 * The policy badges of a step: waits `signal` / delay, for each, join (`any` / `allSettled`), N attempts (at
 * most, the first included), timeout, fallback.
 */
export function stepBadges(step: StepNode): StepBadge[] {
  const badges: StepBadge[] = [];
  if (step.wait) {
    const payload = step.wait.payload ? ` with a ${step.wait.payload}` : '';
    const bound =
      step.wait.timeoutMs !== undefined
        ? `, failing after ${formatDuration(step.wait.timeoutMs)}`
        : ', for as long as it takes';
    badges.push({
      kind: 'wait',
      label: `waits ${step.wait.signal}`,
      title: `once ready, waits for the '${step.wait.signal}' signal${payload}${bound}`,
    });
  }
  if (step.delay) {
    const fixed = 'ms' in step.delay ? step.delay.ms : undefined;
    badges.push({
      kind: 'delay',
      label: fixed !== undefined ? `delay ${formatDuration(fixed)}` : 'delay',
      title:
        fixed !== undefined
          ? `once ready, waits ${formatDuration(fixed)} before it runs`
          : 'once ready, waits a delay computed at run time',
    });
  }
  if (step.kind === 'forEach') {
    const bound = step.concurrency !== undefined ? `, ${step.concurrency} at a time` : '';
    badges.push({
      kind: 'foreach',
      label: step.concurrency !== undefined ? `for each ·${step.concurrency}` : 'for each',
      title: `runs once per item${bound}`,
    });
  }
  if (step.join !== undefined) badges.push({ kind: 'join', label: step.join, title: JOIN_TITLES[step.join] });
  if (step.retry.attempts > 1) {
    const cap = step.retry.maxDelay !== undefined ? ` up to ${formatDuration(step.retry.maxDelay)}` : '';
    const retries = step.retry.attempts - 1;
    badges.push({
      kind: 'retry',
      label: `${step.retry.attempts} attempts`,
      title:
        `up to ${step.retry.attempts} attempts (the first and ${retries} ${retries === 1 ? 'retry' : 'retries'}), ` +
        `${step.retry.backoff} backoff from ${formatDuration(step.retry.delay)}${cap}`,
    });
  }
  if (step.timeoutMs !== undefined)
    badges.push({ kind: 'timeout', label: `timeout ${formatDuration(step.timeoutMs)}`, title: 'per-attempt timeout' });
  if (step.fallback)
    badges.push({ kind: 'fallback', label: 'fallback', title: 'has a fallback: its value replaces a final failure' });
  return badges;
}

/** How many lines the badges take in a box `width` pixels wide (estimated from label lengths). */
export function badgeLines(badges: readonly StepBadge[], width: number): number {
  let lines = 0;
  let used = Infinity;
  for (const badge of badges) {
    const w = badge.label.length * 6.4 + 12;
    if (used + 4 + w > width) {
      lines++;
      used = w;
    } else {
      used += 4 + w;
    }
  }
  return lines;
}
