// @ts-check
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The layering of docs/architecture.md, checked on every import (VS Code's layer check is the model):
 * core ← base ← db ← station ← electron; renderer sees only core; platform sees core and base. `base/node` is
 * the one home of Node-side code several layers share (password hashing, digests, disk figures). Tests may
 * import anything.
 */
const LAYERS = ['core', 'base', 'db', 'station', 'electron', 'renderer', 'platform'];

/** @param {string[]} forbidden */
function layerRule(forbidden, extraPaths = /** @type {string[]} */ ([]), extraPatterns = /** @type {any[]} */ ([])) {
  return [
    'error',
    {
      paths: [
        ...(forbidden.includes('electron') ? [{ name: 'electron', message: 'Only electron/ may import Electron (DESIGN.md §2).' }] : []),
        ...extraPaths.map((name) => ({ name, message: `Not allowed in this layer (DESIGN.md §2).` })),
      ],
      patterns: [
        {
          regex: `^(\\.\\.?/)+(${forbidden.join('|')})(/|$)`,
          message: `This layer may not import ${forbidden.join(', ')} (DESIGN.md §2).`,
        },
        ...extraPatterns,
      ],
    },
  ];
}

const others = (/** @type {string[]} */ allowed) => LAYERS.filter((l) => !allowed.includes(l));

/** Node's built-in modules, with or without `node:`. */
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));
/** Packages that need Node (native code, sockets, files): never in the browser-side layers or core. */
const NODE_ONLY = [
  'better-sqlite3-multiple-ciphers',
  'sharp',
  'pdfkit',
  'pino',
  'fastify',
  'pg',
  '@electric-sql/pglite',
  'electron-updater',
  'pdf-to-printer',
  'range-parser',
  'electron',
];
const escape = (/** @type {string} */ s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * What a static import rule cannot see: `import('…')` and `require('…')` of a forbidden layer or module.
 * @param {string[]} forbidden layers
 * @param {string[]} modules bare module names
 */
function syntaxRule(forbidden, modules = []) {
  const alternatives = [`^(\\.\\.?\\/)+(${forbidden.join('|')})(\\/|$)`];
  if (modules.length > 0) alternatives.push(`^(node:)?(${modules.map(escape).join('|')})(\\/|$)`);
  const source = `/${alternatives.join('|')}/`;
  const message = 'Not allowed in this layer, not even dynamically (docs/architecture.md).';
  return [
    'error',
    { selector: `ImportExpression[source.value=${source}]`, message },
    { selector: `CallExpression[callee.name='require'][arguments.0.value=${source}]`, message },
  ];
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'test-results/**', '.data/**', '.tsbuild/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': layerRule(others(['core']), [...NODE_BUILTINS, ...NODE_ONLY], [{ regex: '^node:', message: 'core/ is pure: no I/O.' }]),
      'no-restricted-syntax': syntaxRule(others(['core']), [...NODE_BUILTINS, ...NODE_ONLY]),
    },
  },
  {
    files: ['base/**/*.ts'],
    rules: { 'no-restricted-imports': layerRule(others(['core', 'base'])), 'no-restricted-syntax': syntaxRule(others(['core', 'base']), ['electron']) },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': layerRule(others(['core', 'base', 'db'])),
      'no-restricted-syntax': syntaxRule(others(['core', 'base', 'db']), ['electron']),
    },
  },
  {
    files: ['station/**/*.ts'],
    rules: {
      'no-restricted-imports': layerRule(others(['core', 'base', 'db', 'station'])),
      'no-restricted-syntax': syntaxRule(others(['core', 'base', 'db', 'station']), ['electron']),
    },
  },
  // The shell reaches the store only through the station.
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': layerRule(['renderer', 'platform', 'db']), 'no-restricted-syntax': syntaxRule(['renderer', 'platform', 'db']) },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': layerRule(
        others(['core', 'renderer']),
        [...NODE_BUILTINS, ...NODE_ONLY],
        [{ regex: '^node:', message: 'The renderer runs in a browser sandbox.' }],
      ),
      'no-restricted-syntax': syntaxRule(others(['core', 'renderer']), [...NODE_BUILTINS, ...NODE_ONLY]),
    },
  },
  // Hooks in the same order on every render: a hook after an early return breaks a screen only sometimes.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error' },
  },
  {
    files: ['platform/**/*.ts'],
    rules: {
      'no-restricted-imports': layerRule(others(['core', 'base', 'platform'])),
      'no-restricted-syntax': syntaxRule(others(['core', 'base', 'platform']), ['electron']),
    },
  },
);
