export { createTestingRuntime, type TestingRuntime, type TestingRuntimeOptions } from './create-testing-runtime.js';
export { startRedisServer, type TestRedisServer } from './redis-server.js';
