import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importCircles, importGraph } from '../helpers/import-graph';

const LAYERS = ['base', 'core', 'db', 'station', 'platform', 'renderer', 'electron', 'scripts'];

test('no file imports itself round a circle, type-only imports included', () => {
  const graph = importGraph(process.cwd(), LAYERS);
  assert.ok(graph.size > 300, `the walk found the sources (${graph.size} files)`);
  assert.deepEqual(importCircles(graph), []);
});

test('the circle check sees a circle when there is one', () => {
  const graph = new Map([
    ['a.ts', ['b.ts']],
    ['b.ts', ['c.ts']],
    ['c.ts', ['a.ts', 'd.ts']],
    ['d.ts', []],
  ]);
  assert.deepEqual(importCircles(graph), [['a.ts', 'b.ts', 'c.ts']]);
});
