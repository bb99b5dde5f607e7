import type { Logger } from 'pino';
import type { ServicePointView } from '../core/api/views';
import type { WorkingCalendar } from '../core/calendar';
import type { StoreDb, UserRow } from '../db';
import type { BackupService } from './backup';
import type { BlobStore } from './blob-store';
import type { CatalogCache } from './catalog-cache';
import type { Clock } from './clock';
import type { StationEvent } from './events';
import type { PrinterPort } from './printing/printer';
import type { SyncAgent } from './sync/agent';
import type { UpdateController } from './updates/controller';

/** Everything a service handler needs; built once by createStation. */
export interface StationContext {
  db: StoreDb;
  clock: Clock;
  calendar: WorkingCalendar;
  blobs: BlobStore;
  catalog: CatalogCache;
  printers: PrinterPort;
  /** The terminal's data directory (daiban.db, attachments/, receipts/, logs/). */
  dataDir: string;
  /** Where rendered receipts are kept for reprint and preview. */
  receiptDir: string;
  log: Logger;
  /** The one cadre logged in on this terminal (a desktop app has one user at a time). */
  session: { user: UserRow | null };
  servicePoint(): ServicePointView;
  /** Pushes an event to every subscriber of the station (the UI, through IPC or server-sent events). */
  emit(event: StationEvent): void;
  /** The sync agent (station/sync/agent.ts); idle on a terminal that was never enrolled. */
  readonly sync: SyncAgent;
  /** Local encrypted backups and restore (station/backup); a restore replaces `db` and `catalog`. */
  readonly backups: BackupService;
  /** App updates (station/updates/controller.ts): 'unsupported' when the shell gave no engine. */
  readonly updates: UpdateController;
}
