import type { Logger } from 'pino';
import type { ServicePointView } from '../core/api/views';
import type { LiveCalendar } from './calendar/live-calendar';
import type { StoreDb, UserRow } from '../db';
import type { BlobStore } from './attachments/blob-store';
import type { CatalogCache } from './catalog/cache';
import type { Clock } from './runtime/clock';
import type { StationEvent } from './runtime/events';
import type { PrinterPort } from './printing/ports/printer';
import type { StoreIntegrity } from './runtime/store-integrity';
import type { ChangeRecord } from './runtime/record-change';

/**
 * What every handler reads: the open store and the terminal's fixed parts, built once by createStation.
 * The services that run on their own (sync agent, backups, updates) are not in it: station.ts builds them
 * after the context and hands each handler group the one service it needs.
 */
export interface StationContext {
  /** The open store; a restore replaces it through the StoreHandle, so read it here each time. */
  readonly db: StoreDb;
  /** The item catalog read from `db` (reloaded when the feed brings a new version or a restore swaps the store). */
  readonly catalog: CatalogCache;
  clock: Clock;
  /** Working days for deadlines: the built-in years and those the platform published (reloaded as they come). */
  readonly calendar: LiveCalendar;
  blobs: BlobStore;
  printers: PrinterPort;
  /** The terminal's data directory (daiban.db, attachments/, receipts/, logs/). */
  dataDir: string;
  /** The running build's version (Electron's app.getVersion(); APP_VERSION elsewhere). */
  readonly appVersion: string;
  /** Where rendered receipts are kept for reprint and preview. */
  receiptDir: string;
  log: Logger;
  /**
   * The one cadre logged in on this terminal (a desktop app has one user at a time), and whether the screen
   * is locked (station/session/screen-lock.ts): while it is, only that user's password does anything.
   */
  session: { user: UserRow | null; locked?: boolean; unlockFailures?: number };
  servicePoint(): ServicePointView;
  /** Pushes an event to every subscriber of the station (the UI, through IPC or server-sent events). */
  emit(event: StationEvent): void;
  /** Called by recordChange when a change queues an outbox message, so the sync agent sends it soon. */
  outboxQueued(): void;
  /** The store's integrity check at start, run in the background (station/runtime/store-integrity.ts). */
  storeIntegrity(): StoreIntegrity;
  /**
   * Refuses a change to residents' records (applications, residents, households, handover lists) once that
   * check found the store damaged (STORE_CORRUPT); recordChange calls it. Logging in, exporting and backups go on.
   */
  assertWritable(change: ChangeRecord): void;
}
