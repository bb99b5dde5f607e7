/**
 * What a terminal signs with its Ed25519 key (DESIGN.md §5): method, path with query, time, body digest and
 * terminal id, one per line. Both sides build the same string here; the crypto lives in station/ and platform/.
 */
export interface SignedParts {
  method: string;
  /** Path and query exactly as sent, e.g. `/v1/changes?after=42`. */
  path: string;
  /** ISO 8601, on the platform's clock as the terminal reckons it (its own clock plus the learned offset). */
  time: string;
  /** SHA-256 (hex) of the body bytes exactly as sent on the wire (after gzip); of zero bytes when none. */
  bodySha256: string;
  terminalId: string;
}

export function canonicalRequest(p: SignedParts): string {
  return ['DAIBAN-V1', p.method.toUpperCase(), p.path, p.time, p.bodySha256, p.terminalId].join('\n');
}

/** SHA-256 of zero bytes, the digest of a request without a body. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
