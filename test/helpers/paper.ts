import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { requireTools, runTool } from './system-tools';

/** A rejection's reason as a township writes it, and the remedies every rejection notice must print. */
export const REJECT_REASON = '经入户核查，申请人家庭人均月收入为1260元，高于本地城乡最低生活保障标准（每人每月950元），不符合规定的条件。';
export const REMEDIES = '如对本决定不服，可在收到本通知之日起六十日内申请行政复议，或者六个月内提起行政诉讼';

/** pdftotext -layout may spread a label over columns; compare without whitespace. */
export const squash = (s: string): string => s.replace(/\s+/g, '');

export function assertHas(t: string, expected: string[], what: string): void {
  for (const e of expected) assert.ok(t.includes(squash(e)), `${what}: expected «${e}» in the text:\n${t}`);
}

/** Reads PDFs back the way a person and a scanner read the paper, with poppler and zbar. */
export interface PaperReader {
  /** Writes a PDF (checking it is one) into the suite's scratch directory; returns its path. */
  save(pdf: Buffer, name: string): Promise<string>;
  /** The text as laid out, whitespace removed; one page or all. */
  text(path: string, page?: number): Promise<string>;
  /**
   * Reading order of the content stream: a receipt number wrapped inside its table cell comes out whole here,
   * where -layout interleaves its two lines with the neighbouring cells.
   */
  rawText(path: string): Promise<string>;
  pageCount(path: string): Promise<number>;
  /** What zbar reads off the top third of page 1 (where the codes are) rendered at `dpi`: one line per symbol. */
  scan(path: string, name: string, dpi?: number): Promise<string[]>;
}

/**
 * A scratch directory for the suite's PDFs and page images, made before its tests and removed after
 * (DAIBAN_KEEP_TEST_PDFS=1 keeps it, to look at the layout); the tools are required up front.
 */
export function paperReader(): PaperReader {
  let dir = '';
  before(async () => {
    requireTools('pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm', 'zbarimg');
    dir = await mkdtemp(join(tmpdir(), 'daiban-documents-'));
  });
  after(async () => {
    if (process.env.DAIBAN_KEEP_TEST_PDFS) console.log(`documents kept in ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  });
  return {
    async save(pdf, name) {
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const path = join(dir, `${name}.pdf`);
      await writeFile(path, pdf);
      return path;
    },
    text: async (path, page) => squash((await runTool('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', path, '-'])).stdout),
    rawText: async (path) => squash((await runTool('pdftotext', ['-raw', path, '-'])).stdout),
    pageCount: async (path) => Number(/Pages:\s+(\d+)/.exec((await runTool('pdfinfo', [path])).stdout)?.[1]),
    async scan(path, name, dpi = 150) {
      const crop = ['-x', '0', '-y', '0', '-W', String(Math.round(8.27 * dpi)), '-H', String(Math.round(3.5 * dpi))];
      await runTool('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', ...crop, '-singlefile', path, join(dir, name)]);
      const { stdout } = await runTool('zbarimg', ['-q', '--raw', join(dir, `${name}.png`)]);
      return stdout.trim().split('\n').filter(Boolean);
    },
  };
}
