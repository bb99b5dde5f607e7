import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The SQLCipher key of the terminal's store, sealed by the operating system through Electron's safeStorage
 * (DPAPI on Windows, the Secret Service / KWallet keyring on Linux, the Keychain on macOS) and kept in
 * userData as ciphertext only. Unlike station/key-file.ts, copying the file off the PC does not expose it.
 *
 * safeStorage is passed in (not imported) so the logic runs under Node tests with a fake.
 * Not verifiable on the build machine: the real OS keyrings, in particular on UOS/Kylin.
 */

/** The subset of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** A refusal to start, with the Chinese text of the dialog the shell shows. */
export class KeyStoreError extends Error {
  override readonly name = 'KeyStoreError';
  constructor(
    readonly code: 'KEYSTORE_UNAVAILABLE' | 'KEYSTORE_UNREADABLE' | 'KEYSTORE_MISSING',
    message: string,
  ) {
    super(message);
  }
}

export const SEALED_KEY_FILE = 'daiban.key.sealed';

export interface SealedKeyOptions {
  /** Where the sealed key lives (Electron's userData). */
  dir: string;
  /** The store the key opens: if it exists without a key, a new key would lock it for good. */
  storeFile: string;
  /**
   * Linux without a keyring falls back to 'basic_text', a fixed password compiled into Chromium: no better
   * than a plain key file. Refused unless this is set (DAIBAN_ALLOW_UNSEALED_KEY=1, a decision for IT staff).
   */
  allowBasicText?: boolean;
}

export function loadOrCreateSealedKey(safe: SafeStorageLike, o: SealedKeyOptions): Buffer {
  if (!safe.isEncryptionAvailable()) {
    throw new KeyStoreError(
      'KEYSTORE_UNAVAILABLE',
      '本机的系统密钥保护功能不可用，为保护群众的个人信息，代办终端不能启动。\n请确认已用本人账户登录操作系统（统信UOS/麒麟请确认“密钥环”服务已开启），然后重新打开；仍不行请联系县级运维人员。',
    );
  }
  if (safe.getSelectedStorageBackend?.() === 'basic_text' && !o.allowBasicText) {
    throw new KeyStoreError(
      'KEYSTORE_UNAVAILABLE',
      '本机没有可用的系统密钥环（如 gnome-keyring 或 KWallet），数据库密钥无法得到保护，代办终端不能启动。\n请联系县级运维人员安装并启用密钥环服务。',
    );
  }

  const file = join(o.dir, SEALED_KEY_FILE);
  if (existsSync(file)) {
    let hex: string;
    try {
      hex = safe.decryptString(readFileSync(file));
    } catch {
      throw new KeyStoreError(
        'KEYSTORE_UNREADABLE',
        '无法解开本机保存的数据库密钥（可能更换了系统账户或重装了系统）。已保存的数据没有被改动。\n请用原来的系统账户登录，或联系县级运维人员。',
      );
    }
    if (!/^[0-9a-f]{64}$/.test(hex)) {
      throw new KeyStoreError('KEYSTORE_UNREADABLE', '本机保存的数据库密钥已损坏。已保存的数据没有被改动，请联系县级运维人员。');
    }
    return Buffer.from(hex, 'hex');
  }

  if (existsSync(o.storeFile)) {
    throw new KeyStoreError(
      'KEYSTORE_MISSING',
      '找不到本机数据库的密钥文件，无法打开已保存的数据。为避免数据丢失，代办终端不会新建数据库。\n请联系县级运维人员。',
    );
  }
  mkdirSync(o.dir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, safe.encryptString(key.toString('hex')), { mode: 0o600, flag: 'wx' });
  return key;
}
