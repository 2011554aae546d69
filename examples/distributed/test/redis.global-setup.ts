import type { TestProject } from 'vitest/node';
import { startRedisServer } from '@baton/runtime/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** Starts a private redis-server for this test run (`inject('redisUrl')`) and stops it afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startRedisServer();
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
