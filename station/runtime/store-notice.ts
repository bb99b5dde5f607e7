import { storeNoticeSchema, type StoreNotice } from '../../core/sync/protocol';
import { getSetting, setSetting, type StoreDb } from '../../db';
import { SETTINGS } from './settings-keys';

/**
 * The store's notice across versions (a rollback to a backup, a downgrade refused; docs/updates.md), kept with
 * the app version that wrote it: it is said on screen and to the fleet while that version runs, and is gone
 * once another version does.
 */
export function readStoreNotice(db: StoreDb, appVersion: string): StoreNotice | null {
  const raw = getSetting(db, SETTINGS.storeNotice);
  if (!raw) return null;
  try {
    const kept = JSON.parse(raw) as { appVersion?: unknown; notice?: unknown };
    const notice = storeNoticeSchema.safeParse(kept.notice);
    return kept.appVersion === appVersion && notice.success ? notice.data : null;
  } catch {
    return null;
  }
}

export function writeStoreNotice(db: StoreDb, appVersion: string, notice: StoreNotice | null): void {
  setSetting(db, SETTINGS.storeNotice, notice ? JSON.stringify({ appVersion, notice }) : '');
}
