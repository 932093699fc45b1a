// Flat ESLint config for the whole workspace (syntax-level rules; `tsc` does the type checking).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.octopus/**', '**/coverage/**', '**/test-results/**', '**/playwright-report/**', '**/.data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'antd', message: 'Import antd components from @octopus/ui: one shared, trimmed copy (ADR 0003).' }],
          patterns: [{ group: ['antd/*'], message: 'Import antd through @octopus/ui (ADR 0003).' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports (config files are exempt).' },
      ],
    },
  },
  {
    // Every visible string goes through a message table in both locales (issue 9): no text literal in
    // JSX in the shell or a remote (any remote app under apps/ that renders JSX) or the packages they
    // render. Tests and the remote teams' standalone dev harness (a developer tool, never shown to agents) are exempt.
    files: ['apps/*/src/**/*.tsx', 'packages/{ui,federation,remote-kit}/src/**/*.tsx'],
    ignores: ['**/*.test.tsx', '**/test-utils.tsx', '**/test-helpers.tsx', 'packages/federation/src/harness/**'],
    plugins: { i18next },
    rules: { 'i18next/no-literal-string': ['error', { mode: 'jsx-text-only', message: 'Visible text goes through a message table (useT) in both locales' }] },
  },
  {
    // The one place that may import antd directly.
    files: ['packages/ui/src/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Tool configs must default-export.
    files: ['**/*.config.{ts,mjs,js}', '**/jest.config.ts', 'eslint.config.mjs', 'jest.file-stub.ts', '**/playwright.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
