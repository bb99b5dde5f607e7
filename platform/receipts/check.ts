import { maskCitizenId } from '../../core/citizen-id';
import { codeNamesApplication, parseReceiptCode, type ReceiptCode, type ReceiptVerdict } from '../../core/receipt-code';
import { receiptVerdict } from '../../base/node/receipt-seal';
import type { Queryable } from '../database/types';
import { isoOf } from '../database/types';
import { invalidInput } from '../errors';

export interface PlatformReceiptCheck {
  verdict: ReceiptVerdict;
  code: ReceiptCode;
  /** The terminal the code says signed it, when the platform enrolled one with that number. */
  signer: { id: string; servicePointName: string; enrolledAt: string } | null;
  /** The application the platform holds under the receipt number, when it was synced. */
  application: { id: string; itemCode: string; status: string; applicantName: string; idNumberMasked: string; matchesCode: boolean } | null;
}

/**
 * Checks a scanned receipt code against the key of the terminal it names (the receipt's village, the
 * signer's number). The platform holds every terminal's key, so it answers for any village, offline from
 * it. Text that holds no receipt code is refused with a Chinese reason.
 */
export async function checkReceiptCode(db: Queryable, text: string): Promise<PlatformReceiptCheck> {
  const code = parseReceiptCode(text);
  if (!code) throw invalidInput('这不是代办系统回执或通知书上的二维码，无法核验');
  const village = code.receiptNo.slice(0, 12);
  const [t] = await db.query<{ id: string; public_key: string; service_point_name: string; enrolled_at: unknown }>(
    'SELECT id, public_key, service_point_name, enrolled_at FROM terminals WHERE division_code = $1 AND terminal_no = $2',
    [village, code.signerNo],
  );
  const [a] = await db.query<{ id: string; item_code: string; status: string; resident_name: string; resident_id_number: string }>(
    'SELECT id, item_code, status, resident_name, resident_id_number FROM applications WHERE receipt_no = $1 AND division_code = $2',
    [code.receiptNo, village],
  );
  const verdict = receiptVerdict(code, t?.public_key ?? null);
  return {
    verdict,
    code,
    signer: t ? { id: t.id, servicePointName: t.service_point_name, enrolledAt: isoOf(t.enrolled_at) } : null,
    application: a
      ? {
          id: a.id,
          itemCode: a.item_code,
          status: a.status,
          applicantName: a.resident_name,
          idNumberMasked: maskCitizenId(a.resident_id_number),
          matchesCode: codeNamesApplication(code, { itemCode: a.item_code, idNumber: a.resident_id_number }),
        }
      : null,
  };
}
