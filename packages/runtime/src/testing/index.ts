export { recordTrace, type TraceRecording } from './record-trace.js';
export { createTestingRuntime, type TestingRuntime, type TestingRuntimeOptions } from './create-testing-runtime.js';
export {
  startRedisServer,
  redisGlobalSetup,
  type TestRedisServer,
  type TestRedisServerOptions,
} from './redis-server.js';
