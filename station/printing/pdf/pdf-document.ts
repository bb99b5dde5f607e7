import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { fontBuffer, type FontWeight } from './fonts';

/**
 * Shared helpers for every printed document: a PDFDocument with the CJK font registered (pdfkit embeds
 * only the glyphs used: a subset), the paper sizes, a vector QR code, and rendering to a Buffer.
 */

export type PdfDoc = PDFKit.PDFDocument;

/** Points per millimetre (1 pt = 1/72 in). */
export const MM = 72 / 25.4;

/** 80 mm thermal roll: fixed width, the height of each page is computed from its content. */
export const THERMAL_80MM_WIDTH = 80 * MM; // 226.77 pt

/** A4 portrait, in points. */
export const A4_SIZE: [number, number] = [210 * MM, 297 * MM]; // 595.28 × 841.89 pt

/** Names to pass to `doc.font(…)` once the document comes from `createPdfDocument`. */
export const FONT = { regular: 'NotoSansSC', bold: 'NotoSansSC-Bold' } as const;

export interface PdfInfo {
  title: string;
  subject?: string;
  keywords?: string;
  /** The service point (or person) the document comes from. */
  author?: string;
}

export interface CreatePdfOptions {
  info: PdfInfo;
  /** Page size of the first page, in points. Omit together with `autoFirstPage: false` for roll paper. */
  size?: [number, number];
  margins?: { top: number; bottom: number; left: number; right: number };
  /** Default true. False when the page size is known only after measuring (80 mm roll). */
  autoFirstPage?: boolean;
  /** Keep every page open until the end, e.g. to number pages 第 1 页 共 3 页 once the count is known. */
  bufferPages?: boolean;
}

/**
 * A new document whose fonts `FONT.regular` / `FONT.bold` are ready, the regular one selected.
 *
 * Speed: `doc.registerFont(name, buffer)` makes pdfkit call `fontkit.create(buffer)` for every document,
 * and the first text layout of a fresh fontkit font then decodes the 10 MB font's cmap, GSUB, hmtx and
 * loca tables again (~20–40 ms per weight). Instead the parsed fontkit font is kept for the process
 * and each document gets its own pdfkit EmbeddedFont wrapper around it (its own subset, widths and
 * ToUnicode map), placed in the document's font cache. That uses two pdfkit internals
 * (`_fontFamilies`, `_fontCount`, stable since pdfkit 0.8); if they ever change, `injectFont` sees it and
 * falls back to `registerFont` with the Buffer: slower, still correct.
 */
export function createPdfDocument(options: CreatePdfOptions): PdfDoc {
  const { info } = options;
  const doc = new PDFDocument({
    size: options.size,
    margins: options.margins,
    autoFirstPage: options.autoFirstPage ?? true,
    bufferPages: options.bufferPages ?? false,
    // No default Helvetica: it would be parsed from its AFM file for nothing on every document.
    font: '',
    lang: 'zh-CN',
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: info.title,
      // pdfkit chokes on undefined entries: only the ones given.
      ...(info.subject ? { Subject: info.subject } : {}),
      ...(info.author ? { Author: info.author } : {}),
      ...(info.keywords ? { Keywords: info.keywords } : {}),
      Creator: 'Daiban 代办',
      Producer: 'Daiban (pdfkit)',
      CreationDate: new Date(),
    },
  });
  for (const weight of ['regular', 'bold'] as const) {
    const name = FONT[weight];
    if (!injectFont(doc, name, weight)) doc.registerFont(name, fontBuffer(weight));
  }
  doc.font(FONT.regular);
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function renderToBuffer(doc: PdfDoc): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export interface QrOptions {
  /** Top-left corner of the QR's quiet zone, in points. */
  x: number;
  y: number;
  /** Side of the whole square, quiet zone included, in points. */
  size: number;
  /** Quiet zone in modules (default 2: paper margins add the rest). */
  quietZone?: number;
  color?: string;
}

/**
 * Draws `text` as a QR code (error correction M) made of filled vector rectangles: sharp at any printer
 * resolution and far cheaper than a PNG. Horizontal runs of dark modules become one rectangle each.
 * Returns the number of modules per side, so a caller can check the size it got.
 */
export function drawQrCode(doc: PdfDoc, text: string, options: QrOptions): number {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = options.quietZone ?? 2;
  const m = options.size / (n + 2 * quiet);
  const x0 = options.x + quiet * m;
  const y0 = options.y + quiet * m;
  const seam = Math.min(0.1, m * 0.05);
  doc.save();
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      // A hair taller than a module so anti-aliased renderers show no seam between rows.
      doc.rect(x0 + start * m, y0 + row * m, (col - start) * m, m + seam);
    }
  }
  doc.fill(options.color ?? '#000000');
  doc.restore();
  return n;
}

/**
 * Reads and parses both fonts now (≈150 ms), so the cadre's first receipt prints as fast as the rest.
 * Call it once when the station starts, off the critical path.
 */
export function warmUpPdfFonts(): void {
  const doc = createPdfDocument({ info: { title: 'warm-up' } });
  doc.font(FONT.regular).widthOfString('受理回执 0123456789');
  doc.font(FONT.bold).widthOfString('受理回执 0123456789');
}

/* ---------- font reuse across documents (see createPdfDocument) ---------- */

interface DocFontInternals {
  _fontFamilies?: Record<string, unknown>;
  _fontCount?: number;
  _font?: { font?: unknown; constructor: unknown } | null;
}

type EmbeddedFontCtor = new (doc: PdfDoc, font: unknown, id: string) => object;

interface ParsedFont {
  ctor: EmbeddedFontCtor;
  fontkitFont: unknown;
  /** Shaped words (pdfkit's per-font layout cache), shared by all documents; read-only once stored. */
  layoutCache: Record<string, unknown>;
}

/** Words kept in the shared layout cache before it is dropped and rebuilt (bounds memory). */
const LAYOUT_CACHE_MAX = 5000;

const parsedFonts = new Map<FontWeight, ParsedFont | null>();

/** The fontkit font parsed once, with the pdfkit class that wraps it, taken from a scratch document. */
function parsedFont(weight: FontWeight): ParsedFont | null {
  if (parsedFonts.has(weight)) return parsedFonts.get(weight) ?? null;
  const scratch = new PDFDocument({ autoFirstPage: false, font: '' });
  scratch.font(fontBuffer(weight));
  const wrapper = (scratch as unknown as DocFontInternals)._font;
  const result =
    wrapper && typeof wrapper.constructor === 'function' && wrapper.font
      ? { ctor: wrapper.constructor as EmbeddedFontCtor, fontkitFont: wrapper.font, layoutCache: Object.create(null) }
      : null;
  parsedFonts.set(weight, result);
  return result;
}

function injectFont(doc: PdfDoc, name: string, weight: FontWeight): boolean {
  const internals = doc as unknown as DocFontInternals;
  if (typeof internals._fontCount !== 'number' || typeof internals._fontFamilies !== 'object') return false;
  const parsed = parsedFont(weight);
  if (!parsed) return false;
  const id = `F${++internals._fontCount}`;
  const embedded = new parsed.ctor(doc, parsed.fontkitFont, id) as { layoutCache?: Record<string, unknown> };
  if (embedded.layoutCache) {
    if (Object.keys(parsed.layoutCache).length > LAYOUT_CACHE_MAX) parsed.layoutCache = Object.create(null);
    embedded.layoutCache = parsed.layoutCache;
  }
  internals._fontFamilies[name] = embedded;
  return true;
}
