import type { ReceiptCheckView } from '../../core/api/views';
import type { StationParsedInput } from '../../core/api/schemas';
import { DaibanError } from '../../core/errors';
import { codeNamesApplication, maskedIdOfCode, parseReceiptCode, RECEIPT_VERDICT_LABEL, type ReceiptCode } from '../../core/receipt-code';
import { parseReceiptNo } from '../../core/receipt-number';
import { receiptVerdict } from '../../base/node/receipt-seal';
import { findApplicationByReceiptNo, findReviewByReceiptNo, findTerminalKey } from '../../db';
import type { StationContext } from '../context';
import { loadResident } from '../residents/handlers';
import { INTAKE_ROLES, REVIEW_ROLES, requireUser } from '../runtime/guard';
import { loadEnrollment } from '../sync/enrollment';

/** The key that should have signed: this terminal's own, or one the feed announced (a township's villages). */
function signerKey(ctx: StationContext, code: ReceiptCode): { publicKey: string; servicePointName: string } | null {
  const village = code.receiptNo.slice(0, 12);
  const point = ctx.servicePoint();
  if (village === point.divisionCode && code.signerNo === point.terminalNo) {
    const own = loadEnrollment(ctx.db);
    return own ? { publicKey: own.signer.publicKeyBase64(), servicePointName: point.name } : null;
  }
  const known = findTerminalKey(ctx.db, village, code.signerNo);
  return known ? { publicKey: known.publicKey, servicePointName: known.servicePointName } : null;
}

/** The application under the code's receipt number here: the village's own, or the township's replica. */
function heldApplication(ctx: StationContext, code: ReceiptCode): ReceiptCheckView['application'] {
  const own = findApplicationByReceiptNo(ctx.db, code.receiptNo);
  if (own) {
    const resident = loadResident(ctx, own.residentId);
    return { id: own.id, applicantName: resident.name, status: own.status, matchesCode: codeNamesApplication(code, { ...own, idNumber: resident.idNumber }) };
  }
  const replica = findReviewByReceiptNo(ctx.db, code.receiptNo);
  if (!replica) return null;
  const matchesCode = codeNamesApplication(code, { itemCode: replica.itemCode, idNumber: replica.resident.idNumber });
  return { id: replica.id, applicantName: replica.resident.name, status: replica.status, matchesCode };
}

/**
 * receipts.verify: a reviewer (or the cadre) scans a paper receipt or notice; the code's signature is checked
 * against the key of the terminal it names, here, without a network. A signature that holds but names other
 * facts than the application held here is still reported as genuine: the signer vouched for what the code
 * says, and the view shows both so the difference is seen.
 */
export function verify(ctx: StationContext, input: StationParsedInput<'receipts.verify'>): ReceiptCheckView {
  requireUser(ctx, [...INTAKE_ROLES, ...REVIEW_ROLES]);
  const code = parseReceiptCode(input.scanned);
  if (!code) throw new DaibanError('RECEIPT_CODE_INVALID', '这不是代办系统回执或通知书上的二维码，无法核验。请对准回执右上角的二维码重新扫描。');
  const key = signerKey(ctx, code);
  const verdict = receiptVerdict(code, key?.publicKey ?? null);
  return {
    verdict,
    verdictLabel: RECEIPT_VERDICT_LABEL[verdict],
    receiptNo: code.receiptNo,
    acceptedOn: parseReceiptNo(code.receiptNo)!.date,
    villageCode: code.receiptNo.slice(0, 12),
    signer: { terminalNo: code.signerNo, servicePointName: key?.servicePointName ?? null },
    item: { code: code.itemCode, name: itemNameOf(ctx, code.itemCode) },
    idNumberMasked: maskedIdOfCode(code),
    application: heldApplication(ctx, code),
  };
}

function itemNameOf(ctx: StationContext, code: string): string | null {
  const name = ctx.catalog.itemName(code);
  return name === code ? null : name;
}
