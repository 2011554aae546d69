import type Bull from 'bull';
import { describe, expect, it } from 'vitest';
import { BullConnectionMissingError } from '../../errors/bull-connection-missing.error.js';
import { stepQueueConnection, stepQueueOptions } from './step-queue.js';

/** A queue whose command client was opened with these ioredis options. */
const queueWith = (options: object) => ({ client: { options } }) as unknown as Bull.Queue;

describe('stepQueueOptions', () => {
  it('sets Baton prefix and settings, and keeps the app connection when bull.redis is left out', () => {
    const options = stepQueueOptions(
      { prefix: 'p', lockDurationMs: 5_000 },
      { redis: 'redis://app:6379', prefix: 'app' },
    );
    expect(options).toEqual({
      prefix: 'p:bull',
      settings: expect.objectContaining({ lockDuration: 5_000, stalledInterval: 30_000, maxStalledCount: 100 }),
    });
    expect(options.settings?.backoffStrategies?.baton).toBeTypeOf('function');
  });

  it('replaces the app url and createClient when bull.redis is set', () => {
    expect(stepQueueOptions({ redis: 'redis://own:6379' }, { url: 'redis://app:6379' })).toMatchObject({
      prefix: 'baton:bull',
      redis: 'redis://own:6379',
      url: undefined,
      createClient: undefined,
    });
  });

  it('throws BullConnectionMissingError, naming the configKey, without bull.redis or a forRoot configuration', () => {
    expect(() => stepQueueOptions({}, undefined)).toThrow(BullConnectionMissingError);
    expect(() => stepQueueOptions({ configKey: 'jobs' }, undefined)).toThrow("BullModule.forRoot('jobs', { redis })");
    expect(() => stepQueueOptions({ redis: 'redis://own:6379' }, undefined)).not.toThrow();
  });
});

describe('stepQueueConnection', () => {
  const queue = queueWith({ host: 'from-queue', port: 7000 });

  it.each([
    ['bull.redis first', { redis: 'redis://own:6379' }, { redis: 'redis://app:6379' }, 'redis://own:6379'],
    ["the app's redis as written", {}, { redis: { host: 'app', port: 6380 } }, { host: 'app', port: 6380 }],
    ["the app's url as written", {}, { url: 'redis://app:6381' }, 'redis://app:6381'],
    [
      'the queue client for url and redis together',
      {},
      { url: 'redis://app:6381', redis: { password: 'x' } },
      { host: 'from-queue', port: 7000 },
    ],
    [
      'the queue client for createClient',
      {},
      { redis: 'redis://app:6379', createClient: () => ({}) },
      { host: 'from-queue', port: 7000 },
    ],
    [
      "the queue client (Bull's default) for a forRoot without a connection",
      {},
      { prefix: 'app' },
      { host: 'from-queue', port: 7000 },
    ],
  ])('%s', (_label, bull, shared, expected) => {
    expect(stepQueueConnection(bull, shared as never, queue)).toEqual(expected);
  });
});
