import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { parseStationInput, type StationInput, type StationMethod } from '../core/api/schemas';
import type { StationApi, StationOutputs } from '../core/api/station-api';
import type { ServicePointView } from '../core/api/views';
import { defaultCalendar, type WorkingCalendar } from '../core/calendar';
import { DaibanError, INTERNAL_MESSAGE, isDaibanError } from '../core/errors';
import { getSetting, openStore, type StoreDb } from '../db';
import { BlobStore } from './blob-store';
import { CatalogCache } from './catalog-cache';
import { systemClock, type Clock } from './clock';
import type { StationContext } from './context';
import { handlers } from './handlers';
import type { PrinterPort } from './printing/printer';
import { createPrinterPort } from './printing/printers';
import { SETTINGS } from './settings-keys';

z.config(z.locales.zhCN());

export interface StationOptions {
  /** Holds daiban.db, attachments/ and receipts/. */
  dataDir: string;
  /** 32 random bytes: the SQLCipher key (sealed by safeStorage in Electron, a key file elsewhere). */
  key: Buffer;
  clock?: Clock;
  calendar?: WorkingCalendar;
  printers?: PrinterPort;
  log?: Logger;
}

export interface Station extends StationApi {
  readonly ctx: StationContext;
  close(): void;
}

function readServicePoint(db: StoreDb): ServicePointView {
  return {
    name: getSetting(db, SETTINGS.servicePointName) ?? '未命名代办点',
    divisionCode: getSetting(db, SETTINGS.divisionCode) ?? '000000000000',
    terminalNo: Number(getSetting(db, SETTINGS.terminalNo) ?? '1'),
  };
}

/**
 * Opens the store and returns the terminal's backend: every call is validated against its zod schema at
 * this boundary, so transports (IPC, HTTP) and tests all get the same checks and the same refusals.
 */
export function createStation(options: StationOptions): Station {
  mkdirSync(options.dataDir, { recursive: true });
  const db = openStore({ file: join(options.dataDir, 'daiban.db'), key: options.key });
  const log = options.log ?? pino({ level: process.env.DAIBAN_LOG_LEVEL ?? 'info' });
  const receiptDir = join(options.dataDir, 'receipts');
  const ctx: StationContext = {
    db,
    clock: options.clock ?? systemClock,
    calendar: options.calendar ?? defaultCalendar,
    blobs: new BlobStore(join(options.dataDir, 'attachments'), options.key),
    catalog: new CatalogCache(db),
    printers: options.printers ?? createPrinterPort({ platform: process.platform, pdfDir: receiptDir }),
    receiptDir,
    log,
    session: { user: null },
    // Read each time (three indexed lookups): enrollment may change it while the app runs.
    servicePoint: () => readServicePoint(db),
  };

  async function call<M extends StationMethod>(method: M, input: StationInput<M>): Promise<StationOutputs[M]> {
    const parsed = parseStationInput(method, input);
    try {
      return await handlers[method](ctx, parsed as never);
    } catch (e) {
      if (isDaibanError(e)) throw e;
      log.error({ err: e, method }, 'station call failed');
      throw new DaibanError('INTERNAL', INTERNAL_MESSAGE);
    }
  }

  return {
    ctx,
    call,
    close: () => db.close(),
  };
}
