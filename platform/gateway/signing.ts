import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Both directions of the gateway sign the same way (docs/gateway.md): HMAC-SHA256 with the connector's
 * secret over `<unix seconds>.<body bytes>`, sent as `X-Daiban-Timestamp` and `X-Daiban-Signature:
 * v1=<hex>`. The time bounds a replay to the protocol's window; the body is covered byte for byte.
 */
export const GATEWAY_HEADERS = { timestamp: 'x-daiban-timestamp', signature: 'x-daiban-signature', idempotencyKey: 'idempotency-key' } as const;

export function gatewaySignature(secret: string, timestamp: string, body: Buffer | string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** True when `signature` is this body's, at this time, under `secret` (compared in constant time). */
export function gatewaySignatureMatches(secret: string, timestamp: string, body: Buffer, signature: string): boolean {
  const expected = Buffer.from(gatewaySignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
