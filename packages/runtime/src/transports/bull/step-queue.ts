import type { BullModuleOptions, BullRootModuleOptions } from '@nestjs/bull';
import type Bull from 'bull';
import { BullConnectionMissingError } from '../../errors/bull-connection-missing.error.js';
import type { BullTransportOptions, RedisConnection } from '../../options/bull-options.js';
import { RedisKeys } from './redis-keys.js';

/** The error a worker throws to have Bull retry a step, carrying the delay Baton computed (with jitter). */
export class RetryLater extends Error {
  constructor(
    readonly batonDelayMs: number,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** Bull queue settings Baton needs: its backoff strategy (Baton's delay, cap and jitter), locks and stall checks. */
export function stepQueueSettings(
  options: Pick<BullTransportOptions, 'lockDurationMs' | 'stalledIntervalMs'>,
): Bull.AdvancedSettings {
  return {
    backoffStrategies: {
      baton: (_attemptsMade: number, error: Error) => (error as Partial<RetryLater>).batonDelayMs ?? 0,
    },
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: 100,
  };
}

/**
 * The options Baton registers its step queue with (`BullModule.registerQueue`); `@nestjs/bull` spreads them
 * over the app's `BullModule.forRoot` configuration (`shared`), so Baton's `prefix` and `settings` replace
 * the app's for this queue while the connection (and other options) are the app's unless `bull.redis` is set.
 *
 * @throws BullConnectionMissingError when there is neither `bull.redis` nor a `shared` configuration
 */
export function stepQueueOptions(
  bull: BullTransportOptions,
  shared: BullRootModuleOptions | undefined,
): BullModuleOptions {
  if (bull.redis === undefined && shared === undefined) throw new BullConnectionMissingError(bull.configKey);
  return {
    prefix: new RedisKeys(bull.prefix ?? 'baton').bull,
    settings: stepQueueSettings(bull),
    // An explicit connection replaces the app's whole: Bull would otherwise prefer the app's `url` or `createClient`.
    ...(bull.redis !== undefined && { redis: bull.redis, url: undefined, createClient: undefined }),
  };
}

/**
 * The connection Baton's own Redis clients (run store, pub/sub) open: `bull.redis`, else the app's
 * `BullModule.forRoot` `redis` or `url` as written; when that configuration can't be copied as one value
 * (a `createClient`, or `url` and `redis` together, or neither: Bull's default `127.0.0.1:6379`), the options
 * the queue's own client was opened with (as `redis.duplicate()` copies them).
 */
export function stepQueueConnection(
  bull: BullTransportOptions,
  shared: BullRootModuleOptions | undefined,
  queue: Bull.Queue,
): RedisConnection {
  if (bull.redis !== undefined) return bull.redis;
  if (shared !== undefined && shared.createClient === undefined) {
    if (shared.url !== undefined && shared.redis === undefined) return shared.url;
    if (shared.redis !== undefined && shared.url === undefined) return shared.redis;
  }
  return { ...queue.client.options };
}
