import type { BackupKind } from '../../core/api/backup-methods';

export const BACKUP_KIND_LABEL: Record<BackupKind, string> = {
  scheduled: '自动',
  manual: '手动',
  'pre-migration': '升级前',
  'pre-restore': '恢复前',
};

export const BACKUP_KIND_COLOR: Record<BackupKind, string> = {
  scheduled: 'blue',
  manual: 'green',
  'pre-migration': 'purple',
  'pre-restore': 'orange',
};

/** 16.8 MB, 820 KB. */
export function showSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
