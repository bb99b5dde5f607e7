import type { Logger } from 'pino';
import { isDaibanError } from '../../core/errors';
import { latestOf, MIGRATIONS, openStore, type Migration, type StoreDb } from '../../db';
import { describeRollback, rollBackToKnownStore } from '../backup/roll-back';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { writeStoreNotice } from './store-notice';

export interface OpenTerminalStore {
  dataDir: string;
  storeFile: string;
  key: Buffer;
  appVersion: string;
  clock?: Clock;
  log: Logger;
  storeMigrations?: readonly Migration[];
  backupBeforeMigration(fromVersion: number): string;
}

/**
 * Opens the terminal's store, migrating it (after a pre-migration copy) to what this build knows. A store a
 * newer build migrated (a rollback past a migration) does not leave the terminal unable to start: it goes
 * back to that pre-migration copy, keeps the newer files aside, and says so (station/backup/roll-back.ts);
 * only without such a copy is it refused, untouched. The quick_check runs in the background (seconds on a
 * big store): the first screen does not wait for it.
 */
export function openTerminalStore(o: OpenTerminalStore): StoreDb {
  const migrations = o.storeMigrations ?? MIGRATIONS;
  const open = () =>
    openStore({
      file: o.storeFile,
      key: o.key,
      backupBeforeMigration: o.backupBeforeMigration,
      deferIntegrityCheck: true,
      migrations,
      appVersion: o.appVersion,
    });
  try {
    return open();
  } catch (e) {
    if (!isDaibanError(e) || e.code !== 'STORE_NEWER') throw e;
    const rollback = rollBackToKnownStore({ dataDir: o.dataDir, key: o.key, knownSchema: latestOf(migrations), now: (o.clock ?? systemClock).now() });
    o.log.warn({ rollback }, 'store: a newer build had migrated it; went back to the backup before that migration');
    const db = open();
    writeStoreNotice(db, o.appVersion, { kind: 'rolled_back', message: describeRollback(rollback), at: rollback.at });
    return db;
  }
}
