import { DaibanError } from '../../../core/errors';
import { A4_MARGINS } from '../pdf/a4-layout';
import { A4_SIZE, createPdfDocument, renderToBuffer } from '../pdf/pdf-document';
import { drawReceipt80mm } from './receipt-80mm';
import { drawReceiptA4 } from './receipt-a4';
import { receiptText } from './receipt-content';
import type { ReceiptData, ReceiptFormat } from './receipt-data';

/** Renders a 受理回执 as a PDF: 80 mm thermal roll (one column, height fitted) or A4 form. */
export async function renderReceiptPdf(data: ReceiptData, format: ReceiptFormat): Promise<Buffer> {
  const t = receiptText(data);
  const info = {
    title: t.documentTitle,
    subject: `${t.itemName} 受理回执`,
    author: t.servicePoint,
    keywords: `受理回执, ${t.receiptNo}, ${t.itemCode}`,
  };
  try {
    if (format === '80mm') {
      const doc = createPdfDocument({ info, autoFirstPage: false });
      drawReceipt80mm(doc, t);
      return await renderToBuffer(doc);
    }
    const doc = createPdfDocument({ info, size: A4_SIZE, margins: A4_MARGINS });
    drawReceiptA4(doc, t);
    return await renderToBuffer(doc);
  } catch (e) {
    if (e instanceof DaibanError) throw e;
    throw new DaibanError('PRINTER_FAILED', '生成受理回执时出错，请重试；如仍不行，请联系运维人员。', {
      format,
      receiptNo: data.receiptNo,
      cause: e instanceof Error ? e.message : String(e),
    });
  }
}
