import { receiptSealText, type ReceiptCode, type ReceiptVerdict } from '../../core/receipt-code';
import { publicKeyFromRaw, verifyEd25519 } from './ed25519';

/**
 * Whether a receipt code's signature is its signing terminal's, given that terminal's public key (32 raw
 * bytes, canonical base64, as enrollment stored it). Strict: the signature must be the one base64url
 * encoding of 64 bytes, so a re-encoded copy does not pass for a different code.
 */
export function receiptSealHolds(code: ReceiptCode, publicKeyBase64: string): boolean {
  const key = publicKeyFromRaw(publicKeyBase64);
  if (!key || code.signature.length !== 86) return false;
  const signature = Buffer.from(code.signature, 'base64url');
  if (signature.length !== 64 || signature.toString('base64url') !== code.signature) return false;
  return verifyEd25519(key, receiptSealText(code), signature);
}

/** The verdict on a code, given the key of the terminal it names (null: the checker knows no such terminal). */
export function receiptVerdict(code: ReceiptCode, signerKeyBase64: string | null): ReceiptVerdict {
  if (!code.signature) return 'unsigned';
  if (!signerKeyBase64) return 'unknown_terminal';
  return receiptSealHolds(code, signerKeyBase64) ? 'genuine' : 'forged';
}
