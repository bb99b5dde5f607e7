#!/usr/bin/env node
// The whole suite, as CI runs it: type-check, lint (the layering rule included), then every test file
// under test/ with Node's test runner. Arguments narrow the test files: `npm test -- receipt`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);

function step(name, cmd, args) {
  console.log(`\n== ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
}

function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'bench' ? [] : testFiles(path);
    return name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
const files = testFiles(join(root, 'test'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (filters.length === 0) {
  // One TypeScript project per layer (docs/architecture.md): no Node types in core and the renderer, no DOM in the rest.
  step('typecheck', bin('tsc'), ['-b']);
  step('lint', bin('eslint'), ['.']);
  step('format', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
}
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}
step(`tests (${files.length} files)`, process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
