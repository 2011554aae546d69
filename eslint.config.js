// Lint for the whole monorepo: typescript-eslint's type-checked rules, no import cycles, no deep imports
// between packages. Formatting is Prettier's (`npm run format`), so style rules are off here.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Another package is reached only through its entries (`@baton/runtime`, `@baton/runtime/testing`, `/trace`, `/internal`). */
const deepImports = {
  patterns: [
    {
      group: ['@baton/*/src/*', '@baton/*/dist/*', '@baton/*/src', '@baton/*/dist'],
      message: "Import another package through its public entry (e.g. '@baton/runtime'), not its files.",
    },
    {
      group: [
        '**/packages/*/src/**',
        '**/packages/*/dist/**',
        '../../sdk/**',
        '../../runtime/**',
        '../../dashboard/**',
      ],
      message: "Import another package through its public entry (e.g. '@baton/runtime'), not by a relative path.",
    },
  ],
};

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '.nx/**', 'bench/results/**', '**/test-output/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.shared.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          noWarnOnMultipleProjects: true,
          project: ['packages/*/tsconfig.json', 'packages/dashboard/ui/tsconfig.json', 'examples/*/tsconfig.json'],
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // With emitDecoratorMetadata the rule leaves files with decorators alone, so Nest's injected types stay values.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // An abort passes on `signal.reason` as it is (unknown): that is the point of the signal.
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      // An async method that implements an async interface (a store, a transport) need not await.
      '@typescript-eslint/require-await': 'off',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': ['error', deepImports],
    },
  },
  {
    // Tests read JSON bodies and spy on methods: `any` from a response and unbound `expect(obj.method)` are fine there.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['packages/dashboard/ui/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  prettier,
);
