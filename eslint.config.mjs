// Flat ESLint config for the whole workspace (syntax-level rules; `tsc` does the type checking).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
