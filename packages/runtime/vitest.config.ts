import { defineBatonVitestConfig } from '../../vitest.shared.js';

// A private redis-server is started for the run (see test/support/redis.global-setup.ts).
export default defineBatonVitestConfig({ globalSetup: ['test/support/redis.global-setup.ts'] });
