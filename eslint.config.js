// @ts-check
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

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'test-results/**', '.data/**'] },
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
      'no-restricted-imports': layerRule(others(['core']), [], [{ regex: '^node:', message: 'core/ is pure: no I/O.' }]),
    },
  },
  { files: ['base/**/*.ts'], rules: { 'no-restricted-imports': layerRule(others(['core', 'base'])) } },
  { files: ['db/**/*.ts'], rules: { 'no-restricted-imports': layerRule(others(['core', 'base', 'db'])) } },
  { files: ['station/**/*.ts'], rules: { 'no-restricted-imports': layerRule(others(['core', 'base', 'db', 'station'])) } },
  { files: ['electron/**/*.ts'], rules: { 'no-restricted-imports': layerRule(['renderer', 'platform']) } },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': layerRule(others(['core', 'renderer']), [], [{ regex: '^node:', message: 'The renderer runs in a browser sandbox.' }]),
    },
  },
  { files: ['platform/**/*.ts'], rules: { 'no-restricted-imports': layerRule(others(['core', 'base', 'platform'])) } },
);
