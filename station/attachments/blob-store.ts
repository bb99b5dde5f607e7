import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DaibanError } from '../../core/errors';
import { sha256Hex } from '../../base/node/digest';

/**
 * Scanned pages, stored beside the database in files named by the SHA-256 of their content. Scans of ID
 * cards and bank books are as sensitive as the store, so each file is sealed with AES-256-GCM under a key
 * derived from the store key. Same content, same name: a page attached twice is kept once.
 */
export class BlobStore {
  private readonly key: Buffer;

  constructor(
    private readonly dir: string,
    storeKey: Buffer,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', storeKey, Buffer.alloc(0), 'daiban attachments v1', 32));
    mkdirSync(dir, { recursive: true });
  }

  static sha256(data: Buffer): string {
    return sha256Hex(data);
  }

  private path(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new DaibanError('INVALID_INPUT', '附件编号不正确。');
    return join(this.dir, sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.path(sha256));
  }

  /** Writes atomically (temp file + rename) so a crash never leaves a half file under a valid name. */
  put(data: Buffer): string {
    const sha256 = BlobStore.sha256(data);
    const target = this.path(sha256);
    if (existsSync(target)) return sha256;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(sha256));
    const sealed = Buffer.concat([iv, cipher.update(data), cipher.final(), cipher.getAuthTag()]);
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, sealed, { mode: 0o600 });
    renameSync(tmp, target);
    return sha256;
  }

  get(sha256: string): Buffer {
    const path = this.path(sha256);
    if (!existsSync(path)) throw new DaibanError('NOT_FOUND', '附件文件不存在，可能已被删除或移动。', { sha256 });
    const sealed = readFileSync(path);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
      decipher.setAAD(Buffer.from(sha256));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      const data = Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
      if (BlobStore.sha256(data) !== sha256) throw new Error('hash mismatch');
      return data;
    } catch {
      throw new DaibanError('STORE_CORRUPT', '附件文件已损坏，请重新扫描该材料。', { sha256 });
    }
  }
}
