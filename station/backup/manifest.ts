import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { BackupView } from '../../core/api/backup-methods';
import { MANIFEST_FILE } from './layout';

const countsSchema = z.object({
  residents: z.number().int().nonnegative(),
  applications: z.number().int().nonnegative(),
  outboxPending: z.number().int().nonnegative(),
  attachments: z.number().int().nonnegative(),
  auditEntries: z.number().int().nonnegative(),
});

export const manifestSchema = z.object({
  format: z.literal(1),
  id: z.string(),
  kind: z.enum(['scheduled', 'manual', 'pre-migration', 'pre-restore']),
  createdAt: z.string(),
  appVersion: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  counts: countsSchema,
  db: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().positive() }),
  verifiedAt: z.string().nullable(),
  problem: z.string().nullable(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type StoreCounts = Manifest['counts'];

/** The manifest of a backup directory, or null when it is missing or unreadable (the backup is then unusable). */
export function readManifest(dir: string): Manifest | null {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  try {
    return manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return null;
  }
}

/** Temp file + rename: a crash leaves the old manifest or the new one, never half of one. */
export function writeManifest(dir: string, m: Manifest): void {
  const path = join(dir, MANIFEST_FILE);
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(m, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, path);
}

export function toBackupView(m: Manifest): BackupView {
  return {
    id: m.id,
    kind: m.kind,
    createdAt: m.createdAt,
    appVersion: m.appVersion,
    schemaVersion: m.schemaVersion,
    size: m.db.size,
    counts: m.counts,
    verifiedAt: m.verifiedAt,
    problem: m.problem,
  };
}
