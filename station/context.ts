import type { Logger } from 'pino';
import type { ServicePointView } from '../core/api/views';
import type { WorkingCalendar } from '../core/calendar';
import type { StoreDb, UserRow } from '../db';
import type { BlobStore } from './blob-store';
import type { CatalogCache } from './catalog-cache';
import type { Clock } from './clock';
import type { PrinterPort } from './printing/printer';

/** Everything a service handler needs; built once by createStation. */
export interface StationContext {
  db: StoreDb;
  clock: Clock;
  calendar: WorkingCalendar;
  blobs: BlobStore;
  catalog: CatalogCache;
  printers: PrinterPort;
  /** Where rendered receipts are kept for reprint and preview. */
  receiptDir: string;
  log: Logger;
  /** The one cadre logged in on this terminal (a desktop app has one user at a time). */
  session: { user: UserRow | null };
  servicePoint(): ServicePointView;
}
