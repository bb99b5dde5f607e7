import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { isStationMethod, stationMethods, type StationInput, type StationMethod } from '../core/api/schemas';
import type { StationApi, StationOutputs } from '../core/api/station-api';
import type { ServicePointView } from '../core/api/views';
import { defaultCalendar, type WorkingCalendar } from '../core/calendar';
import { DaibanError, isDaibanError } from '../core/errors';
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

/** Turns a zod failure into the one refusal shape: a Chinese message and one message per field. */
function inputError(error: z.ZodError): DaibanError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    fields[path] ??= issue.message;
  }
  const first = Object.values(fields)[0] ?? '输入内容不正确';
  return new DaibanError('INVALID_INPUT', first, { fields });
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
    if (!isStationMethod(method)) throw new DaibanError('INVALID_INPUT', `未知的操作：${String(method)}`);
    const parsed = stationMethods[method].safeParse(input ?? {});
    if (!parsed.success) throw inputError(parsed.error);
    try {
      return await handlers[method](ctx, parsed.data as never);
    } catch (e) {
      if (isDaibanError(e)) throw e;
      log.error({ err: e, method }, 'station call failed');
      throw new DaibanError('INTERNAL', '系统出现异常，本次操作未完成，已保存的内容不受影响。请重试，仍不行请联系县级运维人员。');
    }
  }

  return {
    ctx,
    call,
    close: () => db.close(),
  };
}
