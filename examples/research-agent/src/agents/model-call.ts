import type { StepContext, Usage } from '@baton/sdk';
import { USD_PER_1K_TOKENS, type ModelName } from './model-profile.js';

/** What a simulated model call needs from its step: where to report what it spent, and what cancels it. */
export type CallContext = Pick<StepContext, 'usage' | 'signal'>;

/** Reports a call's tokens and their price with `ctx.usage`, plus any counters of the caller's own. */
export function bill(ctx: CallContext, model: ModelName, tokens: number, counters: Usage = {}): void {
  ctx.usage({ tokens, costUsd: (tokens / 1_000) * USD_PER_1K_TOKENS[model], ...counters });
}

/**
 * Waits `ms` (the simulated latency of a call) unless `signal` aborts first, in which case it rejects
 * with the signal's reason at once and clears its timer.
 */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
