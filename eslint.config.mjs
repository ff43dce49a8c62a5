// Lint guards the structure: no import cycles, and imports that run only downwards through the
// layers (entry points → domain → platform; see the README's architecture section).
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

const DOMAIN = ['accounts', 'audit', 'cases', 'citizen-cases', 'inbox', 'mail', 'office', 'status-checks', 'submissions'];
const ENTRY_POINTS = ['./services/gateway', './services/api', './services/web', './services/cli', './workers'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', 'test/fixtures/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended, importX.flatConfigs.typescript],
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // The platform knows nothing of what is built on it.
            { target: ['./services/http', './services/auth', './services/queue', './services/outbox', './services/shared', './config', './entities'], from: [...ENTRY_POINTS, ...DOMAIN.map((d) => `./services/${d}`)], message: 'The platform must not import the domain or an entry point.' },
            // The domain never sees HTTP or a worker.
            { target: DOMAIN.map((d) => `./services/${d}`), from: [...ENTRY_POINTS, './services/http'], message: 'The domain must not import HTTP or an entry point.' },
            // An entry point never imports another one (the gateway mounts api and web).
            { target: './services/api', from: ['./services/web', './services/gateway', './services/cli', './workers'], message: 'The API must not import another entry point.' },
            { target: './services/web', from: ['./services/api', './services/gateway', './services/cli', './workers'], message: 'The web pages must not import another entry point.' },
            { target: './workers', from: ['./services/api', './services/web', './services/gateway', './services/cli'], message: 'Workers must not import another entry point.' },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests may reach anywhere and load modules late (after setting the environment).
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'import-x/no-restricted-paths': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The CI scripts are plain Node, run without a build: ESLint's core rules and Node's globals.
    files: ['.ci/**/*.mjs', '.ci/**/*.cjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', setTimeout: 'readonly', Buffer: 'readonly' } },
    rules: { 'no-undef': 'error', 'no-unused-vars': ['error', { caughtErrors: 'none' }], 'prefer-const': 'error', 'no-unreachable': 'error', eqeqeq: 'error' },
  },
);
