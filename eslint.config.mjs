// ESLint for every JavaScript file in the repository (`make lint`): the recommended rules, with the
// globals each kind of file really has. Generated output (web/pkg, dist) is not checked; its sources
// are.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    ignores: [
      'web/pkg/**',
      'web/demo/files/**',
      'dist/**',
      'target/**',
      'fuzz/**',
      'node_modules/**',
      'tests/e2e/screenshots/**',
      'tests/firefox/screenshots/**',
    ],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  // The extension's content scripts and the shared UI: classic scripts that share `globalThis.zorgvuldig`.
  {
    files: ['web/extension/content/**/*.js', 'web/shared/**/*.js', 'tests/e2e/fixtures/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, ...globals.webextensions } },
  },
  // The extension's background, options page and the demo: ES modules in a browser.
  {
    files: ['web/extension/*.js', 'web/demo/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser, ...globals.webextensions, ...globals.serviceworker } },
  },
  // The Outlook add-in: ES modules bundled into one script for Outlook's JavaScript runtime, which
  // has Office.js and the language's own globals, but no DOM.
  {
    files: ['web/outlook/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { Office: 'readonly', console: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', WebAssembly: 'readonly' },
    },
  },
  // Build scripts, tests and benches: Node ES modules (their evaluate callbacks run in a page or in
  // the extension's service worker).
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
  },
];
