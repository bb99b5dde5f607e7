import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** An Ed25519 public key from its 32 raw bytes (base64), or null when they are not a valid key. */
export function publicKeyFromRaw(base64: string): KeyObject | null {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32) return null;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  } catch {
    return null;
  }
}

export function verifyEd25519(key: KeyObject, data: string, signatureBase64: string): boolean {
  const signature = Buffer.from(signatureBase64, 'base64');
  if (signature.length !== 64) return false;
  try {
    return verify(null, Buffer.from(data, 'utf8'), key, signature);
  } catch {
    return false;
  }
}
