import { randomBytes, randomInt, scrypt, type ScryptOptions } from 'node:crypto';

/**
 * Account password hashes in the station's own format (station/passwords.ts), because cadres log in offline
 * on the terminal against the hash the change feed brought down: scrypt$N$r$p$saltBase64$hashBase64 with
 * N=16384 r=8 p=1, a 16-byte salt, a 32-byte key and the password NFKC-normalised. Change both or neither.
 */
const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LEN = 32;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  const options: ScryptOptions = { ...PARAMS, maxmem: 64 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LEN, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
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

/** Chinese reason when a password is too weak to hand out, else null. */
export function passwordWeakness(password: string): string | null {
  if (password.normalize('NFKC').length < 8) return '密码至少需要8个字符';
  if (!/\d/.test(password) || !/[A-Za-z]/.test(password)) return '密码需同时包含字母和数字';
  return null;
}
