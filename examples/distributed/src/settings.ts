import type { DistributedSettings } from './distributed.module.js';

/** Reads the settings every process shares from the environment. */
export function settingsFromEnv(worker: boolean): DistributedSettings {
  const redisUrl = process.env.BATON_REDIS_URL;
  if (!redisUrl) throw new Error('Set BATON_REDIS_URL (e.g. redis://127.0.0.1:6379).');
  return {
    redisUrl,
    prefix: process.env.BATON_PREFIX ?? 'baton',
    worker,
    ...(process.env.BATON_LOCK_MS && { lockDurationMs: Number(process.env.BATON_LOCK_MS) }),
    ...(process.env.BATON_DRAIN_MS && { drainGraceMs: Number(process.env.BATON_DRAIN_MS) }),
  };
}
