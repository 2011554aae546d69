import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF, DEFAULT_RETRY_DELAY_MS } from '../constants.js';
import { describeValue } from '../errors/baton.error.js';
import { messages } from '../errors/messages.js';
import { RetryOptionsSchema } from '../options/retry-options.schema.js';
import type { RetryOptions } from '../options/retry-options.js';
import { validateOptions } from '../options/validate-options.js';
import type { CompiledRetryPolicy } from './workflow-graph.js';

/** The policy of a step without `@Retry`: a single attempt. */
export const SINGLE_ATTEMPT: CompiledRetryPolicy = {
  attempts: DEFAULT_ATTEMPTS,
  backoff: DEFAULT_BACKOFF,
  delay: DEFAULT_RETRY_DELAY_MS,
  jitter: 0,
};

/** The result of compiling `@Retry` options: the policy, or the messages saying what is wrong. */
export type RetryCompilation =
  { ok: true; policy: CompiledRetryPolicy; retryIf?: RetryOptions['retryIf'] } | { ok: false; problems: string[] };

/**
 * Validates `@Retry` options (or the `@Retry(n)` shorthand) and fills in the defaults.
 *
 * @example
 * compileRetryPolicy(3) // { ok: true, policy: { attempts: 3, backoff: 'exponential', delay: 1000, jitter: 0 } }
 */
export function compileRetryPolicy(options: RetryOptions | number): RetryCompilation {
  if (typeof options !== 'number' && (typeof options !== 'object' || options === null)) {
    return { ok: false, problems: [messages.retryInvalid(describeValue(options))] };
  }
  const raw: RetryOptions = typeof options === 'number' ? { attempts: options } : options;
  const problems = validateOptions('Retry', RetryOptionsSchema, raw).map(messages.invalidOption);
  if (problems.length > 0) return { ok: false, problems };
  const policy: CompiledRetryPolicy = {
    attempts: raw.attempts,
    backoff: raw.backoff ?? DEFAULT_BACKOFF,
    delay: raw.delay ?? DEFAULT_RETRY_DELAY_MS,
    jitter: raw.jitter === true ? 1 : raw.jitter === false || raw.jitter === undefined ? 0 : raw.jitter,
  };
  if (raw.maxDelay !== undefined) {
    if (raw.maxDelay < policy.delay)
      return { ok: false, problems: [messages.maxDelayBelowDelay(raw.maxDelay, policy.delay)] };
    policy.maxDelay = raw.maxDelay;
  }
  return raw.retryIf ? { ok: true, policy, retryIf: raw.retryIf } : { ok: true, policy };
}
