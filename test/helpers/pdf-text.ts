import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { squash } from './paper';
import { runTool } from './system-tools';

/** A rendered document's text as poppler's pdftotext reads it, whitespace removed. */
export async function pdfText(pdfBase64: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'daiban-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, Buffer.from(pdfBase64, 'base64'));
    return squash((await runTool('pdftotext', ['-layout', file, '-'])).stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
