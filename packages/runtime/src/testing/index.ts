export { createTestingRuntime, type TestingRuntime, type TestingRuntimeOptions } from './create-testing-runtime.js';
export { startRedisServer, redisGlobalSetup, type TestRedisServer } from './redis-server.js';
