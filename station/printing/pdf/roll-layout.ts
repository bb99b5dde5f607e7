import { FONT, MM, THERMAL_80MM_WIDTH, type PdfDoc } from './pdf-document';

/**
 * One-column layout for roll paper (80 mm thermal). Every block is measured first, then a single page
 * exactly as tall as the content is added and the blocks are drawn on it: no blank metres of paper, no
 * page break in the middle of a receipt.
 */

export interface RollBlock {
  /** Height in points for a given content width; the document's fonts are available for measuring. */
  height(doc: PdfDoc, width: number): number;
  draw(doc: PdfDoc, x: number, y: number, width: number): void;
}

/** Margins of the roll page. Thermal heads print about 72 mm of the 80 mm paper. */
export const ROLL_MARGINS = { top: 4 * MM, bottom: 6 * MM, left: 4 * MM, right: 4 * MM };

/**
 * Adds one roll page sized to `blocks` and draws them. The document must have been created with
 * `autoFirstPage: false`. Returns the page height in points.
 */
export function layoutRoll(doc: PdfDoc, blocks: RollBlock[], width = THERMAL_80MM_WIDTH): number {
  const m = ROLL_MARGINS;
  const contentWidth = width - m.left - m.right;
  const heights = blocks.map((b) => b.height(doc, contentWidth));
  const contentHeight = heights.reduce((a, b) => a + b, 0);
  // 1 pt of slack absorbs float rounding so pdfkit never decides the last line needs a new page.
  const pageHeight = Math.ceil(m.top + contentHeight + m.bottom + 1);
  doc.addPage({ size: [width, pageHeight], margins: m });
  let y = m.top;
  blocks.forEach((block, i) => {
    block.draw(doc, m.left, y, contentWidth);
    y += heights[i] ?? 0;
  });
  return pageHeight;
}

export interface TextStyle {
  bold?: boolean;
  size: number;
  align?: 'left' | 'center' | 'right';
  lineGap?: number;
  color?: string;
  /** Extra space under the block, in points. */
  after?: number;
  /** Character spacing in points (spaced-out titles). */
  characterSpacing?: number;
}

function applyStyle(doc: PdfDoc, style: TextStyle): void {
  doc.font(style.bold ? FONT.bold : FONT.regular).fontSize(style.size);
}

function textOptions(style: TextStyle, width: number): PDFKit.Mixins.TextOptions {
  return {
    width,
    align: style.align ?? 'left',
    lineGap: style.lineGap ?? 1,
    characterSpacing: style.characterSpacing ?? 0,
    height: Infinity,
  };
}

/** A paragraph that wraps to the content width. */
export function textBlock(text: string, style: TextStyle): RollBlock {
  return {
    height(doc, width) {
      applyStyle(doc, style);
      return doc.heightOfString(text, textOptions(style, width)) + (style.after ?? 0);
    },
    draw(doc, x, y, width) {
      applyStyle(doc, style);
      doc.fillColor(style.color ?? '#000000').text(text, x, y, textOptions(style, width));
    },
  };
}

/**
 * A single line whose font shrinks (down to `minSize`) until it fits the width: long receipt numbers
 * stay on one line.
 */
export function fittedLineBlock(text: string, style: TextStyle & { minSize: number }): RollBlock {
  const sized = (doc: PdfDoc, width: number): TextStyle => {
    let size = style.size;
    applyStyle(doc, style);
    while (size > style.minSize && doc.fontSize(size).widthOfString(text, { characterSpacing: style.characterSpacing ?? 0 }) > width) {
      size -= 0.5;
    }
    return { ...style, size };
  };
  return {
    height(doc, width) {
      return textBlock(text, sized(doc, width)).height(doc, width);
    },
    draw(doc, x, y, width) {
      textBlock(text, sized(doc, width)).draw(doc, x, y, width);
    },
  };
}

/** 'label：value' with the value wrapping under itself, not under the label. */
export function fieldBlock(label: string, value: string, style: TextStyle & { labelWidth: number }): RollBlock {
  const labelStyle: TextStyle = { ...style, bold: false, align: 'left', after: 0 };
  const valueStyle: TextStyle = { ...style, after: 0 };
  return {
    height(doc, width) {
      const l = textBlock(label, labelStyle).height(doc, style.labelWidth);
      const v = textBlock(value, valueStyle).height(doc, width - style.labelWidth);
      return Math.max(l, v) + (style.after ?? 0);
    },
    draw(doc, x, y, width) {
      textBlock(label, labelStyle).draw(doc, x, y, style.labelWidth);
      textBlock(value, valueStyle).draw(doc, x + style.labelWidth, y, width - style.labelWidth);
    },
  };
}

/**
 * Left text wrapping in what the right column leaves; right text aligned right on the first line, kept
 * on one line when it takes at most half the width.
 */
export function twoColumnBlock(left: string, right: string, style: TextStyle): RollBlock {
  const leftStyle: TextStyle = { ...style, align: 'left', after: 0 };
  const rightStyle: TextStyle = { ...style, bold: false, align: 'right', after: 0 };
  const gap = 6;
  const rightWidth = (doc: PdfDoc, width: number): number => {
    applyStyle(doc, rightStyle);
    return Math.min(Math.ceil(doc.widthOfString(right)) + 1, width / 2);
  };
  return {
    height(doc, width) {
      const rw = rightWidth(doc, width);
      const l = textBlock(left, leftStyle).height(doc, width - rw - gap);
      const r = textBlock(right, rightStyle).height(doc, rw);
      return Math.max(l, r) + (style.after ?? 0);
    },
    draw(doc, x, y, width) {
      const rw = rightWidth(doc, width);
      textBlock(left, leftStyle).draw(doc, x, y, width - rw - gap);
      textBlock(right, rightStyle).draw(doc, x + width - rw, y, rw);
    },
  };
}

/** A horizontal rule with space around it; dashed like a tear line by default. */
export function ruleBlock(options: { dashed?: boolean; space?: number; lineWidth?: number } = {}): RollBlock {
  const space = options.space ?? 5;
  return {
    height: () => space * 2,
    draw(doc, x, y, width) {
      doc.save().lineWidth(options.lineWidth ?? 0.6);
      if (options.dashed ?? true) doc.dash(2.5, { space: 2 });
      doc
        .moveTo(x, y + space)
        .lineTo(x + width, y + space)
        .stroke('#000000');
      doc.undash().restore();
    },
  };
}

export function spacerBlock(height: number): RollBlock {
  return { height: () => height, draw: () => undefined };
}

/** A fixed-size drawing centred in the column (QR code, barcode). */
export function centeredBoxBlock(size: number, after: number, draw: (doc: PdfDoc, x: number, y: number) => void): RollBlock {
  return {
    height: () => size + after,
    draw(doc, x, y, width) {
      draw(doc, x + (width - size) / 2, y);
    },
  };
}
