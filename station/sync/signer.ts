import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/**
 * The terminal's Ed25519 identity. The private key is made here at enrollment and never leaves the
 * (encrypted) store; the platform keeps only the public key it was given with the one-time code.
 */
export class TerminalSigner {
  private constructor(private readonly privateKey: KeyObject) {}

  static generate(): TerminalSigner {
    return new TerminalSigner(generateKeyPairSync('ed25519').privateKey);
  }

  /** From `exportPrivateKey()`'s text. */
  static fromStored(pkcs8Base64: string): TerminalSigner {
    return new TerminalSigner(createPrivateKey({ key: Buffer.from(pkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' }));
  }

  exportPrivateKey(): string {
    return this.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  }

  /** The 32 raw public key bytes, base64, as POST /v1/enroll wants them. */
  publicKeyBase64(): string {
    const jwk = createPublicKey(this.privateKey).export({ format: 'jwk' });
    return Buffer.from(jwk.x!, 'base64url').toString('base64');
  }

  /** Base64 Ed25519 signature over the UTF-8 text (core/sync/signing.ts builds the text). */
  sign(text: string): string {
    return sign(null, Buffer.from(text, 'utf8'), this.privateKey).toString('base64');
  }
}
