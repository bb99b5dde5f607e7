import { join } from 'node:path';
import type { RestorePreview } from '../../core/api/backup-methods';
import type { StoreDb } from '../../db';
import { DB_FILE } from './layout';
import { toBackupView, type Manifest } from './manifest';
import { openCopy } from './verify';

/** Submitted and accepted by the platform: the application lives on there whatever happens here. */
const NOT_YET_ON_PLATFORM = new Set(['draft', 'queued']);

/**
 * What a restore would take away: applications this terminal holds that the backup does not (those the
 * platform already has stay there; drafts and unsent submissions are lost) and waiting messages.
 */
export function restorePreview(live: StoreDb, dir: string, m: Manifest, key: Buffer): RestorePreview {
  const copy = openCopy(join(dir, DB_FILE), key);
  try {
    const inBackup = copy.prepare('SELECT 1 FROM applications WHERE id = ?').pluck();
    const messageInBackup = copy.prepare('SELECT 1 FROM outbox WHERE id = ?').pluck();
    const since = new Set<string>();
    let lost = 0;
    for (const a of live.prepare('SELECT id, status FROM applications').iterate() as IterableIterator<{ id: string; status: string }>) {
      if (inBackup.get(a.id)) continue;
      since.add(a.id);
      if (NOT_YET_ON_PLATFORM.has(a.status)) lost++;
    }
    // Messages about an application already counted above (its submission) are not counted twice.
    let messagesLost = 0;
    const pending = live.prepare(`SELECT id, json_extract(body, '$.applicationId') AS applicationId FROM outbox WHERE status = 'pending'`);
    for (const msg of pending.iterate() as IterableIterator<{ id: string; applicationId: string | null }>) {
      if (messageInBackup.get(msg.id) || (msg.applicationId && since.has(msg.applicationId))) continue;
      messagesLost++;
    }
    return { backup: toBackupView(m), applicationsSince: since.size, applicationsSynced: since.size - lost, applicationsLost: lost, messagesLost };
  } finally {
    copy.close();
  }
}
