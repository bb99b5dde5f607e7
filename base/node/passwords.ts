import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Account password hashes, one format on terminals and platform alike (cadres log in offline on the
 * terminal against the hash the change feed brought down): scrypt$N$r$p$saltBase64$hashBase64 with
 * N=16384 r=8 p=1 (~50 ms on an old village PC, 16 MiB), a 16-byte salt, a 32-byte key and the password
 * NFKC-normalised. The parameters are stored with every hash, so they can grow.
 */
const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LEN = 32;

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }, keyLen: number): Promise<Buffer> {
  const options: ScryptOptions = { ...o, maxmem: 64 * 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, keyLen, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS, KEY_LEN);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
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

/**
 * Checks a password against a stored hash. `stored` null (no such account): a throwaway hash is checked
 * instead, so both refusals cost the same scrypt and look the same; the answer is false.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (stored === null) {
    decoy ??= hashPassword(randomBytes(16).toString('hex'));
    await matches(password, await decoy);
    return false;
  }
  return matches(password, stored);
}

/** Letters and digits a person cannot misread (no 0/O, 1/l/I). */
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A strong password for IT staff to hand over: 14 characters, with an upper case letter, a lower case one and a digit. */
export function generatePassword(length = 14): string {
  for (;;) {
    let s = '';
    for (let i = 0; i < length; i++) s += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    if (/[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s)) return s;
  }
}
