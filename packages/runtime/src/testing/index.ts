export { createTestingRuntime, type TestingRuntime, type TestingRuntimeOptions } from './create-testing-runtime.js';
