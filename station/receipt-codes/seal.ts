import { formatReceiptCode, idDigitsOf, receiptSealText, type ReceiptCodeFacts } from '../../core/receipt-code';
import type { StationContext } from '../context';
import { loadEnrollment } from '../sync/enrollment';

/**
 * The QR text of a receipt or a notice of one application, signed by this terminal's key (core/receipt-code.ts).
 * Ed25519 is deterministic, so a reprint carries the same code. A terminal that was never enrolled has no
 * key the platform knows: its code goes out unsigned and is reported as such when scanned.
 */
export function sealedReceiptCode(ctx: StationContext, a: { receiptNo: string; itemCode: string }, idNumber: string): string {
  const facts: ReceiptCodeFacts = { receiptNo: a.receiptNo, itemCode: a.itemCode, idDigits: idDigitsOf(idNumber), signerNo: ctx.servicePoint().terminalNo };
  const enrollment = loadEnrollment(ctx.db);
  const signature = enrollment ? Buffer.from(enrollment.signer.sign(receiptSealText(facts)), 'base64').toString('base64url') : '';
  return formatReceiptCode({ ...facts, signature }, ctx.catalog.latest().receiptQueryUrl);
}
