import swc from 'unplugin-swc';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * The Vitest configuration every package shares: SWC compiles TypeScript with legacy decorators and
 * decorator metadata (so Nest's injector and our metadata readers see constructor types), and workspace
 * packages resolve to their `src/` through the `@baton/source` export condition.
 */
export function defineBatonVitestConfig(overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  return defineConfig({
    plugins: [
      swc.vite({
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
        },
      }),
    ],
    ssr: { resolve: { conditions: ['@baton/source'] } },
    resolve: { conditions: ['@baton/source'] },
    test: {
      environment: 'node',
      include: ['src/**/*.spec.ts', 'test/**/*.spec.ts', 'test/**/*.e2e-spec.ts'],
      testTimeout: 20_000,
      ...overrides,
    },
  });
}
