import { inject } from 'vitest';
import { startBullApp } from './support/bull-app.js';
import { startMemoryApp } from './support/memory-app.js';
import { transportConformance } from './transport.conformance.js';

transportConformance('memory', (providers) => startMemoryApp(providers));

transportConformance('bull', (providers) => startBullApp(inject('redisUrl'), providers));
