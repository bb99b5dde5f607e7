import type { BackupKind } from '../../core/api/backup-methods';

/** How many of each kind are kept (newest first). */
export const RETENTION: Record<BackupKind, number> = {
  scheduled: 7,
  'pre-migration': 3,
  manual: 10,
  'pre-restore': 3,
};

export interface RetainedBackup {
  id: string;
  kind: BackupKind;
  createdAt: string;
  verified: boolean;
}

/**
 * The backups to delete: per kind, everything beyond its limit, oldest first. The newest verified backup
 * of all is never deleted, whatever its kind, so a terminal always keeps one restore that is known good.
 */
export function backupsToDelete(backups: readonly RetainedBackup[], limits: Record<BackupKind, number> = RETENTION): string[] {
  const newestFirst = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id.localeCompare(a.id)));
  const keep = newestFirst.find((b) => b.verified)?.id;
  const seen = new Map<BackupKind, number>();
  const doomed: string[] = [];
  for (const b of newestFirst) {
    const n = (seen.get(b.kind) ?? 0) + 1;
    seen.set(b.kind, n);
    if (n > limits[b.kind] && b.id !== keep) doomed.push(b.id);
  }
  return doomed.reverse();
}
