// Flat ESLint config for the whole workspace (syntax-level rules; `tsc` does the type checking).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';
import jsdoc from 'eslint-plugin-jsdoc';

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
    // Every public export of a package carries a docstring (issue 10): shapes, units, defaults, the errors it
    // throws or rejects with. Types inferred from a zod schema (`z.infer<…>`) are exempt: the schema carries the doc.
    files: ['packages/*/src/**/*.{ts,tsx}'],
    ignores: [
      '**/*.test.{ts,tsx}',
      '**/testing/**',
      '**/test-helpers.tsx',
      '**/test-utils.tsx',
    ],
    plugins: { jsdoc },
    rules: {
      'jsdoc/require-jsdoc': [
        'error',
        {
          publicOnly: { esm: true },
          // MethodDefinition: the public methods of exported classes (e.g. what an ApiClient method rejects with).
          require: { FunctionDeclaration: true, ClassDeclaration: true, ArrowFunctionExpression: true, FunctionExpression: true, MethodDefinition: true },
          // A constructor's arguments are documented on the class (or its options type).
          checkConstructors: false,
          contexts: [
            'TSInterfaceDeclaration',
            'TSTypeAliasDeclaration:not(:has(TSQualifiedName[left.name="z"]))',
            'TSEnumDeclaration',
            'ExportNamedDeclaration > VariableDeclaration',
          ],
        },
      ],
      // A documented @param names a real parameter, in order (documenting only some is fine).
      'jsdoc/check-param-names': ['error', { disableMissingParamChecks: true }],
      'jsdoc/check-tag-names': 'error',
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
