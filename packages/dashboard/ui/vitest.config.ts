import { defineConfig } from 'vitest/config';

/** Unit tests of the UI's pure functions (`src/lib/*.spec.ts`); run with `npx vitest run` in this folder. */
export default defineConfig({
  test: { environment: 'node', include: ['src/**/*.spec.ts'] },
});
