import { readdirSync } from 'node:fs';
import { BACKUP_ID, backupDir, backupsDir } from '../backup/layout';
import { readManifest } from '../backup/manifest';

export interface BackupsSummary {
  count: number;
  /** Backups whose check found a problem (or whose manifest cannot be read). */
  withProblems: number;
  newest: { kind: string; createdAt: string; verifiedAt: string | null; schemaVersion: number } | null;
}

/** What the local backups look like (station/backup/), from their manifests: counts and dates only. */
export function summarizeBackups(dataDir: string): BackupsSummary | undefined {
  let ids: string[];
  try {
    ids = readdirSync(backupsDir(dataDir)).filter((n) => BACKUP_ID.test(n));
  } catch {
    return undefined;
  }
  const manifests = ids.map((id) => readManifest(backupDir(dataDir, id)));
  const good = manifests.filter((m) => m !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const newest = good[0];
  return {
    count: ids.length,
    withProblems: manifests.filter((m) => m === null || m.problem !== null).length,
    newest: newest ? { kind: newest.kind, createdAt: newest.createdAt, verifiedAt: newest.verifiedAt, schemaVersion: newest.schemaVersion } : null,
  };
}
