import assert from 'node:assert/strict';
import { runTool } from './system-tools';

/**
 * Asserts that every font of the PDF at `path` is an embedded subset of Noto Sans SC with a ToUnicode map
 * (so the text can be copied and searched), and returns pdffonts' font rows and its whole output.
 */
export async function assertSubsetFonts(path: string): Promise<{ rows: string[]; stdout: string }> {
  const { stdout } = await runTool('pdffonts', [path]);
  const rows = stdout
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  assert.ok(rows.length >= 1, stdout);
  for (const row of rows) {
    // name  type  encoding  emb sub uni  object ID
    assert.match(row, /^[A-Z]{6}\+NotoSansSC-(Regular|Bold)\s/, `only subset Noto Sans SC fonts expected:\n${stdout}`);
    assert.match(row, /\syes\s+yes\s+yes\s/, `embedded, subset, with ToUnicode:\n${stdout}`);
  }
  return { rows, stdout };
}
