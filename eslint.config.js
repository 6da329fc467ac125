// Lint enforces the dependency direction (docs/design.md "Layout"):
//   shared/   imports nothing runtime-specific (no Node, DOM-only or Electron modules, no UI)
//   renderer/ never imports electron/ or server/ (nor Node or Electron)
//   server/   imports shared/ only
//   only electron/main/ imports 'electron'
//   test support (any test-support/ folder) is imported by tests, e2e and benchmarks only
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import formatjs from 'eslint-plugin-formatjs';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronOnlyInMain = { name: 'electron', message: "Only electron/main/ may import 'electron'." };
const nodeBan = nodeModules.map((name) => ({ name, message: 'Node modules are not available here.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', '.tsbuild/**', 'node_modules/**', 'e2e-artifacts/**', 'test-results/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [electronOnlyInMain] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInMain, ...nodeBan,
          { name: 'react', message: 'shared/ holds no UI.' },
          { name: 'rxdb/plugins/storage-dexie', message: 'shared/ takes its storage as a parameter.' }],
        patterns: [
          { group: ['**/renderer/**', '**/electron/**', '**/server/**', '**/e2e/**'], message: 'shared/ imports only shared/.' },
          { group: ['react-dom', 'react-dom/*', 'ws', 'pg', 'fastify', 'stripe', 'nodemailer', '@electric-sql/*'], message: 'shared/ imports nothing runtime-specific.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInMain, ...nodeBan],
        patterns: [{ group: ['**/electron/**', '**/server/**'], message: 'renderer/ never imports electron/ or server/.' }],
      }],
    },
  },
  {
    // Every word a person reads comes from the catalogues (docs/decisions/0033-languages.md): no
    // text in JSX, nor in the props our components show (a symbol such as '—' is a named constant).
    files: ['renderer/**/*.tsx'],
    ignores: ['renderer/**/*.test.tsx'],
    plugins: { formatjs },
    rules: {
      'formatjs/no-literal-string-in-jsx': ['error', { props: { include: [['*', '{label,title,hint,submitLabel,formLabel,empty,busyLabel,legend,placeholder,actionText,alt,summary,description,message}']] } }],
    },
  },
  {
    files: ['renderer/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInMain] , patterns: [{ group: ['**/electron/**', '**/server/**'], message: 'renderer/ never imports electron/ or server/.' }] }] },
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInMain],
        patterns: [{ group: ['**/renderer/**', '**/electron/**'], message: 'server/ imports shared/ only.' }],
      }],
    },
  },
  {
    files: ['electron/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs,js}', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // A rule of its own, so the folder rules above (each a no-restricted-imports) do not replace it.
    files: ['{shared,renderer,electron,server}/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/test-support/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/test-support/**'], message: 'Test support is for tests only, never the app.' }],
      }],
    },
  },
);
