import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DaibanError } from '../../core/errors';

/**
 * The store key kept in a plain file, for the browser host and tests only. In the Electron app the key is
 * sealed by the OS through safeStorage (electron/). Anyone who can read this file can read the store.
 */
export function loadOrCreateKeyFile(path: string, warn: (msg: string) => void = console.warn): Buffer {
  if (existsSync(path)) {
    const hex = readFileSync(path, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new DaibanError('STORE_KEY_WRONG', '数据库密钥文件已损坏。', { path });
    return Buffer.from(hex, 'hex');
  }
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  warn(`WARNING: the database key is stored UNSEALED in ${path} (browser host / test mode). Use the Electron app in production.`);
  return key;
}
