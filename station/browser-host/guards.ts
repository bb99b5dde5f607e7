import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Defends against DNS rebinding: a page on evil.example that re-points its name to 127.0.0.1 still sends
 * `Host: evil.example`, so only our own loopback names pass.
 */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host?.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A cross-origin page must not reach the API, even with a stolen token: Origin, when sent, is ours. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin.toLowerCase() === `http://${req.headers.host?.toLowerCase()}`;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison of a presented token with the session token. */
export function tokenMatches(presented: string | null | undefined, token: string): boolean {
  if (!presented) return false;
  return timingSafeEqual(digest(presented), digest(token));
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1] ?? null;
}
