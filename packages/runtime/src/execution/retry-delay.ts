import type { CompiledRetryPolicy } from '@baton/sdk';

/**
 * The wait before the attempt after `attempt` (1-based): `delay` for fixed backoff, `delay * 2^(attempt-1)`
 * for exponential, capped at `maxDelay`, then jittered: a fraction `jitter` of it is drawn at random.
 *
 * @example
 * retryDelay({ attempts: 5, backoff: 'exponential', delay: 100, jitter: 0 }, 3) // 400
 */
export function retryDelay(policy: CompiledRetryPolicy, attempt: number, random: () => number = Math.random): number {
  const base = policy.backoff === 'fixed' ? policy.delay : policy.delay * 2 ** (attempt - 1);
  const capped = policy.maxDelay === undefined ? base : Math.min(base, policy.maxDelay);
  return Math.round(capped * (1 - policy.jitter * random()));
}
