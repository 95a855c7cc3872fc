// Lint for every workspace. `npm test` runs it with --max-warnings 0.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'e2e/test-results/**', 'e2e/playwright-report/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Imports point one way: domain code never reaches into transport or media layers.
    files: ['server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['express', 'socket.io', 'mediasoup', '../http/*', '../realtime/*', '../media/*'] }],
    },
  },
  {
    // The wire contract imports nothing of ours.
    files: ['signaling/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@ca/*', '../*'] }] },
  },
  {
    // Client and e2e see the server only through the signaling contract and HTTP.
    files: ['client/**/*.{ts,tsx}', 'e2e/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@ca/server', '**/server/src/**'] }] },
  },
  {
    // Component tests run against a real server: they may start one (test-support), and still talk to it only over HTTP.
    files: ['client/src/**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@ca/server'] }, { regex: 'server/src/(?!test-support/|platform\\.js$)', message: 'only the test server starter' }] },
      ],
    },
  },
);
