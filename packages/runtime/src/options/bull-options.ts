import type { RedisOptions } from 'ioredis';

/** A Redis connection: a URL (`redis://user:pass@host:6379/0`) or ioredis options. */
export type RedisConnection = string | RedisOptions;

/** Options of the `bull` transport (`BatonModule.forRoot({ transport: 'bull', bull: { ... } })`). */
export interface BullTransportOptions {
  /**
   * Redis connection of the step queue and of the run store. Leave it out to use the app's own
   * `BullModule.forRoot(...)` connection (the one named by {@link BullTransportOptions.configKey}).
   * @defaultValue the connection of the app's `BullModule.forRoot` configuration; without one, start-up
   * fails with `BullConnectionMissingError`
   */
  redis?: RedisConnection;
  /**
   * The `BullModule.forRoot(configKey, ...)` configuration whose connection the queue reuses when
   * {@link BullTransportOptions.redis} is left out.
   * @defaultValue the unnamed configuration, `BullModule.forRoot({ ... })`
   */
  configKey?: string;
  /**
   * The queue every step job goes to; the app injects it with `@InjectQueue(queueName)`.
   * @defaultValue `'baton'`
   */
  queueName?: string;
  /**
   * Prefix of every key (Bull's, `<prefix>:bull:<queueName>:*`, and the run store's). It replaces the
   * `prefix` of the app's `BullModule.forRoot` configuration for this queue.
   * @defaultValue `'baton'`
   */
  prefix?: string;
  /**
   * Whether this process takes steps from the queue. API-only processes set it to false.
   * @defaultValue true
   */
  worker?: boolean;
  /**
   * How long a finished run is kept in Redis, in milliseconds.
   * @defaultValue 7 days
   */
  finishedRunTtlMs?: number;
  /**
   * How long a worker's lock on a step lasts without renewal, in milliseconds; a worker that dies is
   * noticed after about this long and its step runs again elsewhere.
   * @defaultValue 30000
   */
  lockDurationMs?: number;
  /**
   * How often workers look for stalled steps, in milliseconds. Workers also sweep for lost step jobs and
   * renew their heartbeat at this interval (a dead worker's claimed steps are re-enqueued after about three).
   * @defaultValue 30000
   */
  stalledIntervalMs?: number;
  /**
   * On shutdown, how long a worker lets its running steps finish before handing them back to the queue,
   * in milliseconds (another worker then takes them at once).
   * @defaultValue 30000
   */
  drainGraceMs?: number;
  /**
   * How often a process re-checks the runs its `result()` promises wait for, in milliseconds (they are
   * also re-checked after every reconnect), so none waits forever on an event it missed or a run Redis lost.
   * @defaultValue 2000
   */
  resultCheckIntervalMs?: number;
}

/** The options `BullTransport` is built with: the user's, with the Redis connection resolved by `BatonModule`. */
export type ResolvedBullTransportOptions = BullTransportOptions & { redis: RedisConnection };

/** The name of the step queue when `bull.queueName` is left out. */
export const DEFAULT_QUEUE_NAME = 'baton';
