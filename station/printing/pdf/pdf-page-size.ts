/**
 * Page sizes of a PDF we produced ourselves (pdfkit writes page dictionaries uncompressed), so a print
 * port can ask for matching media, e.g. an 80 mm roll page as tall as the receipt.
 * Not a general PDF parser: for a PDF it cannot read it returns an empty list.
 */

const MEDIA_BOX = /\/MediaBox\s*\[\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\]/g;

export interface PageSizeMm {
  widthMm: number;
  heightMm: number;
}

export function pdfPageSizesMm(pdf: Buffer): PageSizeMm[] {
  const text = pdf.toString('latin1');
  const sizes: PageSizeMm[] = [];
  for (const m of text.matchAll(MEDIA_BOX)) {
    const [x0, y0, x1, y1] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    sizes.push({ widthMm: ((x1 - x0) * 25.4) / 72, heightMm: ((y1 - y0) * 25.4) / 72 });
  }
  return sizes;
}
