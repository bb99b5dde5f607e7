import bwipjs from 'bwip-js/node';
import type { PdfDoc } from '../pdf/pdf-document';

export interface BarcodeOptions {
  /** Left edge of the bars (the quiet zone lies outside, to the left and right). */
  x: number;
  y: number;
  /** Width of the bars; the module size follows from it. */
  width: number;
  height: number;
  color?: string;
}

/**
 * Draws `text` as a Code 128 barcode of filled vector bars, like drawQrCode: bwip-js encodes (it picks the
 * code sets and the check digit), pdfkit draws each bar as a rectangle, so the barcode is sharp at any
 * printer resolution. Leave 10 modules of white on each side (the quiet zone). Returns the module width
 * in points, so a caller can check it is wide enough for a scanner (≥ 0.25 mm on paper).
 */
export function drawCode128(doc: PdfDoc, text: string, options: BarcodeOptions): number {
  const symbols = bwipjs.raw('code128', text, {});
  const first = symbols[0];
  if (!first || !('sbs' in first)) throw new Error('bwip-js returned no bar widths for code128');
  const sbs = first.sbs;
  const modules = sbs.reduce((sum, w) => sum + w, 0);
  const m = options.width / modules;
  doc.save();
  let x = options.x;
  sbs.forEach((w, i) => {
    // Even entries are bars, odd ones spaces.
    if (i % 2 === 0) doc.rect(x, options.y, w * m, options.height);
    x += w * m;
  });
  doc.fill(options.color ?? '#000000');
  doc.restore();
  return m;
}

/** The width in modules of `text` as Code 128 (quiet zones excluded), to size the barcode before drawing. */
export function code128Modules(text: string): number {
  const first = bwipjs.raw('code128', text, {})[0];
  if (!first || !('sbs' in first)) throw new Error('bwip-js returned no bar widths for code128');
  return first.sbs.reduce((sum, w) => sum + w, 0);
}
