/**
 * The per-layer TypeScript projects (tsc -b, docs/architecture.md): code in core and the renderer sees no Node
 * types, code in base, db, station, electron and platform sees no DOM. Each layer's own compiler options
 * (read from its tsconfig.json) compile a snippet that uses what the layer must not have: it must fail.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const root = join(import.meta.dirname, '..', '..');

function optionsOf(layer: string): ts.CompilerOptions {
  const file = join(root, layer, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(file, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(String(d.messageText)) });
  assert.ok(parsed, file);
  // Checked in memory: nothing is written, no project build needed.
  return { ...parsed.options, composite: false, declaration: false, emitDeclarationOnly: false, noEmit: true, tsBuildInfoFile: undefined, incremental: false };
}

/** Type errors of one snippet compiled as a file of `layer`. */
function errorsOf(layer: string, code: string): string[] {
  const fileName = join(root, layer, '__layer_probe__.ts');
  const options = optionsOf(layer);
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => (f === fileName ? code : read(f));
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => f === fileName || exists(f);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (f, v) => (f === fileName ? ts.createSourceFile(f, code, v) : getSource(f, v));
  const program = ts.createProgram([fileName], options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(fileName)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

const NODE = "export const a = Buffer.from('x').length + process.pid;";
const DOM = 'export const a = window.location.href + document.title;';

for (const layer of ['core', 'renderer']) {
  test(`${layer}: Node's globals do not type-check`, () => {
    assert.ok(errorsOf(layer, NODE).length > 0, 'Buffer and process are unknown here');
  });
}
for (const layer of ['core', 'base', 'db', 'station', 'electron', 'platform']) {
  test(`${layer}: the DOM does not type-check`, () => {
    assert.ok(errorsOf(layer, DOM).length > 0, 'window and document are unknown here');
  });
}
for (const layer of ['base', 'db', 'station', 'platform']) {
  test(`${layer}: Node's globals do`, () => {
    assert.deepEqual(errorsOf(layer, NODE), []);
  });
}
test('renderer: the DOM does', () => {
  assert.deepEqual(errorsOf('renderer', DOM), []);
});
