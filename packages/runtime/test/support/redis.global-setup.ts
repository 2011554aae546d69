declare module 'vitest' {
  export interface ProvidedContext {
    /** `redis://127.0.0.1:<port>` of the redis-server this test run started. */
    redisUrl: string;
  }
}

export { redisGlobalSetup as default } from '../../src/testing/redis-server.js';
