// Lint holds the architecture (the rooms of docs/architecture.md): each room imports only what it may.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';

const simulationGlobals = [
  'window',
  'document',
  'self',
  'postMessage',
  'Worker',
  'navigator',
  'localStorage',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'public/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/first': 'error',
      'import-x/no-duplicates': 'error',
      'import-x/no-self-import': 'error',
    },
  },
  {
    // The kernel, the runtime and the course parser are pure: no React, no DOM, no Worker globals, no real time or randomness.
    // (Role code may import xstate: role-libraries.ts evaluates it per node from text, on the node's globals;
    // an import of it here would run on the realm's real timers instead.)
    files: ['workers/kernel/**/*.ts', 'workers/runtime/**/*.ts', 'workers/course/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['react', 'react-*', '**/app/**', '**/host/**', 'comlink', 'd3*', 'node:*', 'xstate'] },
      ],
      'no-restricted-globals': ['error', ...simulationGlobals],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded PRNG streams.' },
        { object: 'Date', property: 'now', message: 'Use the virtual clock.' },
        { object: 'performance', property: 'now', message: 'Use the virtual clock.' },
      ],
    },
  },
  {
    files: ['workers/kernel/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'react',
            'react-*',
            '**/app/**',
            '**/host/**',
            '**/runtime/**',
            'comlink',
            'd3*',
            'node:*',
          ],
        },
      ],
    },
  },
  {
    // Lessons are content: they see only the public node and scenario API.
    files: ['lessons/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // xstate: the one library role code may import (workers/runtime/role-libraries.ts).
              regex: '^(?!@playground/(node|scenario)$)(?!xstate$)(?!\\./)(?!\\.\\./)',
              message: 'Lessons import only @playground/node, @playground/scenario and (roles) xstate.',
            },
            {
              group: ['**/workers/**', '**/app/**', '**/scripts/**'],
              message: 'Lessons import only the public API.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
