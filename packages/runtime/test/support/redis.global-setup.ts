import type { TestProject } from 'vitest/node';
import { startRedisServer } from '../../src/testing/redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `redis://127.0.0.1:<port>` of the redis-server this test run started. */
    redisUrl: string;
  }
}

/** Starts a private redis-server for this test run (`inject('redisUrl')`) and stops it afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startRedisServer();
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
