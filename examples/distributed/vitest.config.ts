import { defineBatonVitestConfig } from '../../vitest.shared.js';

// A private redis-server is started for the run; tests spawn real worker processes from dist/.
export default defineBatonVitestConfig({
  globalSetup: ['test/redis.global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
});
