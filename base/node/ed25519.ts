import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';

/**
 * Base64 decoded strictly: exactly `bytes` long, padded, the standard alphabet, and the one encoding of
 * those bytes (Node's decoder also takes URL-safe letters, spaces, missing padding and stray low bits; each
 * of those once let a re-encoded signature pass the replay check). Null for anything else.
 */
export function decodeCanonicalBase64(text: string, bytes: number): Buffer | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const raw = Buffer.from(text, 'base64');
  return raw.length === bytes && raw.toString('base64') === text ? raw : null;
}

/**
 * Whether 32 raw bytes are a usable Ed25519 public key: a point on the curve, canonically encoded, not of
 * small order (the all-zero key and its kin verify signatures nobody made). noble's decoder is strict.
 */
export function isUsablePublicKey(raw: Buffer): boolean {
  try {
    const point = ed25519.Point.fromBytes(new Uint8Array(raw));
    return !point.isSmallOrder() && point.isTorsionFree();
  } catch {
    return false;
  }
}

/** An Ed25519 public key from its 32 raw bytes (canonical base64), or null when they are not a usable key. */
export function publicKeyFromRaw(base64: string): KeyObject | null {
  const raw = decodeCanonicalBase64(base64, 32);
  if (!raw || !isUsablePublicKey(raw)) return null;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  } catch {
    return null;
  }
}

/** Verifies an already strictly decoded 64-byte signature (OpenSSL refuses a non-canonical S). */
export function verifyEd25519(key: KeyObject, data: string, signature: Buffer): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, Buffer.from(data, 'utf8'), key, signature);
  } catch {
    return false;
  }
}
