import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { hashPassword } from '../passwords';

/**
 * Checks a password against an account's hash (scrypt$N$r$p$salt$hash, platform/passwords.ts). Unknown
 * users are checked against a throwaway hash, so both refusals take the same time and look the same.
 */

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }, keyLen: number): Promise<Buffer> {
  const options: ScryptOptions = { ...o, maxmem: 64 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

async function matches(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || !salt || !hash || !Object.values(params).every((v) => Number.isInteger(v) && v > 0)) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length < 16) return false;
  const key = await derive(password, Buffer.from(salt, 'base64'), params, expected.length);
  return timingSafeEqual(key, expected);
}

let decoy: Promise<string> | undefined;

/** `stored` null: the user does not exist; the work is done anyway and the answer is false. */
export async function verifyAccountPassword(password: string, stored: string | null): Promise<boolean> {
  if (stored === null) {
    decoy ??= hashPassword('decoy-password-never-matches');
    await matches(password, await decoy);
    return false;
  }
  return matches(password, stored);
}
