/** Everything printed on a 受理回执 (acceptance receipt). Plain data: the renderer does no lookups. */
export interface ReceiptData {
  receiptNo: string;
  applicationId: string;
  /** The QR code's text: the signed receipt code (core/receipt-code.ts), maybe inside the province's progress page URL. */
  code: string;
  servicePoint: { name: string; divisionCode: string; phone?: string };
  item: { code: string; name: string; department: string; promisedDays: number };
  /** idNumberMasked is already masked (first 6, last 4): the full number never reaches paper. */
  applicant: { name: string; idNumberMasked: string; phone?: string };
  /** The materials the cadre ticked as received; `formLabel` is 原件 / 复印件 / 原件及复印件. */
  materials: { name: string; formLabel: string; count: number }[];
  /** UTC ISO 8601; printed in Asia/Shanghai. */
  acceptedAt: string;
  /** Promised completion date, YYYY-MM-DD, counted in working days. */
  dueDate: string;
  cadre: { name: string };
  /** true for a reprint: the receipt says 补打 so two papers are not taken for two applications. */
  reprint?: boolean;
  /** UTC ISO 8601 time this copy was printed; a reprint shows it as 补打时间. */
  printedAt?: string;
}

export type ReceiptFormat = '80mm' | 'a4';
