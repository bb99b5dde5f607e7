import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BackupKind } from '../../core/api/backup-methods';

/**
 * <dataDir>/backups/<id>/daiban.db + manifest.json + scans.txt; scans are pooled once in
 * <dataDir>/backups/attachments/<sha256>. A backup is built under `.tmp-<id>` and renamed when whole,
 * so a directory without the prefix is always complete.
 */
export const DB_FILE = 'daiban.db';
export const MANIFEST_FILE = 'manifest.json';
export const SCANS_FILE = 'scans.txt';
export const TEMP_PREFIX = '.tmp-';
export const ASIDE_PREFIX = '.replaced-';

export const backupsDir = (dataDir: string) => join(dataDir, 'backups');
export const poolDir = (dataDir: string) => join(backupsDir(dataDir), 'attachments');
export const backupDir = (dataDir: string, id: string) => join(backupsDir(dataDir), id);
export const tempDir = (dataDir: string, id: string) => join(backupsDir(dataDir), TEMP_PREFIX + id);

export const BACKUP_ID = /^[0-9]{8}T[0-9]{6}Z-[a-z-]+-[0-9a-f]{4}$/;

/** `20261127T215207Z-scheduled-3fa2`: sorts by time, says what it is, never collides within a second. */
export function newBackupId(kind: BackupKind, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `${stamp}-${kind}-${randomBytes(2).toString('hex')}`;
}
