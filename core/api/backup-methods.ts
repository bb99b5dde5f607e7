import { z } from 'zod';

/** Scheduled encrypted local backups and a verified restore. */

const backupId = z
  .string()
  .trim()
  .regex(/^[0-9]{8}T[0-9]{6}Z-[a-z-]+-[0-9a-f]{4}$/, '备份编号不正确');

export const backupMethods = {
  /** Every backup on this terminal, newest first. */
  'backups.list': z.object({}).strict(),
  /** A manual backup now (verified before it is listed). */
  'backups.create': z.object({}).strict(),
  /** Checks a backup again: key, integrity, audit chain, counts, checksum, scans. */
  'backups.verify': z.object({ id: backupId }),
  /** What a restore of this backup would lose (shown before the admin confirms). */
  'backups.restorePreview': z.object({ id: backupId }),
  /** Replaces the store with the backup; the admin re-enters their own password. */
  'backups.restore': z.object({ id: backupId, password: z.string().min(1, '请输入您的登录密码').max(256) }),
} satisfies Record<string, z.ZodType>;

/** scheduled: daily, automatic; manual: 立即备份; pre-migration: before a schema upgrade; pre-restore: the store a restore replaced. */
export type BackupKind = 'scheduled' | 'manual' | 'pre-migration' | 'pre-restore';

export interface BackupCounts {
  residents: number;
  applications: number;
  /** Outbox messages not yet accepted by the platform. */
  outboxPending: number;
  attachments: number;
  auditEntries: number;
}

export interface BackupView {
  id: string;
  kind: BackupKind;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  /** Bytes of the database copy (scans are pooled and counted apart). */
  size: number;
  counts: BackupCounts;
  /** When the last check passed; null when it never passed. */
  verifiedAt: string | null;
  /** The last check's problem, in Chinese (null when it passed or never ran). */
  problem: string | null;
}

export interface RestorePreview {
  backup: BackupView;
  /** Applications on this terminal now that the backup does not hold. */
  applicationsSince: number;
  /** Of those, the ones the platform already has (they stay there; this terminal will not show them). */
  applicationsSynced: number;
  /** Of those, the ones never sent to the platform: lost by a restore. */
  applicationsLost: number;
  /** Messages for the platform waiting now that the backup does not hold (withdrawals, supplements, the submission
   *  of a draft the backup holds …), not counting those of the applications above. */
  messagesLost: number;
}

export interface RestoreResult {
  backup: BackupView;
  /** The backup of the replaced store, made just before the swap. */
  preRestoreId: string;
  applicationsLost: number;
}

/** What each of these methods resolves to. */
export interface BackupOutputs {
  'backups.list': BackupView[];
  'backups.create': BackupView;
  'backups.verify': BackupView;
  'backups.restorePreview': RestorePreview;
  'backups.restore': RestoreResult;
}
