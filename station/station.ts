import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { parseStationInput, type StationInput, type StationMethod } from '../core/api/schemas';
import type { StationApi, StationOutputs } from '../core/api/station-api';
import type { ServicePointView, SyncStatusView } from '../core/api/views';
import type { WorkingCalendar } from '../core/calendar';
import { DaibanError, INTERNAL_MESSAGE, isDaibanError } from '../core/errors';
import { getSetting, schemaFloor, schemaVersion, type Migration, type StoreDb } from '../db';
import { BackupScheduler, BackupService, preMigrationBackup, type BackupScheduleOptions } from './backup';
import { BlobStore } from './attachments/blob-store';
import { systemClock, type Clock } from './runtime/clock';
import type { StationContext } from './context';
import { StationEvents, type StationEventListener } from './runtime/events';
import { createHandlers, type StationServices } from './handlers';
import { createStationLog } from './runtime/log-file';
import type { PrinterPort } from './printing/ports/printer';
import { createPrinterPort } from './printing/ports/printers';
import { SETTINGS } from './runtime/settings-keys';
import { SyncAgent, type SyncOptions } from './sync/agent';
import { APP_VERSION } from './runtime/app-version';
import { UpdateController, type UpdateOptions } from './updates/controller';
import { StoreHandle } from './runtime/store-handle';
import { checkStoreInBackground, type StoreIntegrity } from './runtime/store-integrity';
import { IdCardService, type IdCardServiceOptions } from './id-card/service';
import { openTerminalStore } from './runtime/open-terminal-store';
import { readStoreNotice, writeStoreNotice } from './runtime/store-notice';
import { createRatingDesk } from './ratings/desk';

/** Said when the background integrity check failed (station/runtime/store-integrity.ts). */
/** What residents' work lives in: refused once the store's check failed (sessions, exports, backups go on). */
const RECORDS: ReadonlySet<string> = new Set(['application', 'resident', 'household', 'handover', 'outbox']);
const STORE_CORRUPT_MESSAGE = '本机数据文件的完整性检查未通过，为免损坏扩大，已停止保存新的办理记录。已有数据仍可查看和备份，请联系县级运维人员。';

export interface StationOptions {
  /** Holds daiban.db, attachments/ and receipts/. */
  dataDir: string;
  /** 32 random bytes: the SQLCipher key (sealed by safeStorage in Electron, a key file elsewhere). */
  key: Buffer;
  clock?: Clock;
  calendar?: WorkingCalendar;
  printers?: PrinterPort;
  log?: Logger;
  /** The sync agent's settings; tests inject fetch, timers and `autoStart: false`. */
  sync?: SyncOptions;
  /** Daily encrypted backups (station/backup); tests pass `autoStart: false` or fake timers. */
  backups?: BackupScheduleOptions;
  /** App updates (station/updates): the Electron shell passes an electron-updater engine; none elsewhere. */
  updates?: UpdateOptions;
  /** The ID card reader at the counter (station/id-card): a serial, SDK or simulated reader, or none. */
  idCard?: IdCardServiceOptions;
  /** The store migrations this build knows (default: all; tests stand in an older build with fewer). */
  storeMigrations?: readonly Migration[];
}

/** The sync agent as the shell sees it. */
export interface StationSync {
  /** Starts the schedule (createStation does it unless `sync.autoStart` is false). */
  start(): void;
  /** Stops the schedule; resolves when a run in progress has ended. */
  stop(): Promise<void>;
  syncNow(): Promise<SyncStatusView>;
  status(): SyncStatusView;
}

export interface Station extends StationApi {
  readonly ctx: StationContext;
  /** The agent, backups and updates as built here (tests and hosts reach them here, handlers get them passed). */
  readonly services: StationServices;
  readonly sync: StationSync;
  /** Subscribes to push events (sync status …); returns the unsubscribe. */
  onEvent(listener: StationEventListener): () => void;
  /**
   * Stops the sync agent and closes the store. Synchronous when no sync is running (the store is closed on
   * return); otherwise the run is aborted and the store closes when it has let go (await the promise).
   */
  close(): Promise<void>;
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
  // An existing store is copied before a schema upgrade; the copy becomes a listed backup once open.
  const preMigration = preMigrationBackup({ dataDir: options.dataDir, key: options.key, now: () => (options.clock ?? systemClock).now() });
  const storeFile = join(options.dataDir, 'daiban.db');
  const log = options.log ?? createStationLog({ dataDir: options.dataDir });
  // The version electron-updater compares with (Electron's app.getVersion()): the heartbeat and schema_history.
  const appVersion = options.sync?.appVersion ?? options.updates?.engine?.currentVersion ?? APP_VERSION;
  const db = openTerminalStore({ ...options, storeFile, appVersion, backupBeforeMigration: preMigration.destination, log });
  const receiptDir = join(options.dataDir, 'receipts');
  const events = new StationEvents((err) => log.warn({ err }, 'station event listener failed'));
  const store = new StoreHandle(db, options.calendar);
  // The agent is built after the context; until then (and on a terminal that never syncs) a queued message waits.
  let onOutboxQueued = (): void => undefined;
  const ctx: StationContext = {
    get db() {
      return store.db;
    },
    get catalog() {
      return store.catalog;
    },
    clock: options.clock ?? systemClock,
    get calendar() {
      return store.calendar;
    },
    blobs: new BlobStore(join(options.dataDir, 'attachments'), options.key),
    printers: options.printers ?? createPrinterPort({ platform: process.platform, pdfDir: receiptDir }),
    dataDir: options.dataDir,
    appVersion,
    receiptDir,
    log,
    session: { user: null },
    // Read each time (three indexed lookups): enrollment may change it while the app runs.
    servicePoint: () => readServicePoint(store.db),
    emit: (event) => events.emit(event),
    outboxQueued: () => onOutboxQueued(),
    storeIntegrity: () => integrity,
    assertWritable(change) {
      if (integrity.state === 'failed' && RECORDS.has(change.audit.entityType)) throw new DaibanError('STORE_CORRUPT', STORE_CORRUPT_MESSAGE);
    },
  };
  let integrity: StoreIntegrity = { state: 'checking', since: ctx.clock.now().toISOString() };
  const integrityRun = checkStoreInBackground({ file: storeFile, key: options.key, now: () => ctx.clock.now() });
  void integrityRun.done.then((verdict) => {
    // Closing ends the worker; a restore meanwhile checked the store it swapped in itself.
    if (closing || integrity.state !== 'checking') return;
    integrity = verdict;
    if (verdict.state === 'failed') log.error({ problems: verdict.problems }, 'store: integrity check failed; changes are refused');
    else log.info({ ms: verdict.ms }, 'store: integrity check passed');
    events.emit({ type: 'store.integrity', state: verdict.state });
  });
  // A restore swaps in a store it checked in full as it opened: the remedy for a failed check.
  store.onReplaced(() => {
    const wasFailed = integrity.state === 'failed';
    integrity = { state: 'ok', checkedAt: ctx.clock.now().toISOString(), ms: 0 };
    if (wasFailed) events.emit({ type: 'store.integrity', state: 'ok' });
  });
  const agent = new SyncAgent(ctx, { ...options.sync, appVersion, dataDir: options.dataDir });
  onOutboxQueued = () => agent.nudge();
  const backups = new BackupService({ dataDir: options.dataDir, key: options.key, ctx, store, sync: agent, resumeSync: options.sync?.autoStart !== false });
  const backupSchedule = new BackupScheduler(backups, ctx.clock, log, options.backups);
  backups.adopt(preMigration.finish).catch((err) => log.error({ err }, 'backup: pre-migration copy could not be finished'));
  // Writes still running (a draft save …) hold back a restart to install an update.
  let writesInFlight = 0;
  const updates = new UpdateController(options.updates ?? {}, {
    clock: ctx.clock,
    log,
    fallbackVersion: APP_VERSION,
    emit: (status) => events.emit({ type: 'update.status', status }),
    busy: () => writesInFlight > 0,
    closeStation: () => close(),
    storeVersions: () => ({ schema: schemaVersion(store.db), upgradedBy: schemaFloor(store.db)?.appVersion ?? null }),
    storeNotice: (notice) => {
      // A refusal is said once per version offered; what a rollback wrote stays until another version runs.
      if (notice || readStoreNotice(store.db, appVersion)?.kind === 'downgrade_refused') writeStoreNotice(store.db, appVersion, notice);
    },
  });
  const idCard = new IdCardService(options.idCard ?? {}, { emit: (status) => events.emit({ type: 'idCard.state', status }), log });
  const ratingDesk = createRatingDesk((e) => events.emit(e));
  const services: StationServices = { sync: agent, backups, updates, idCard, ratingDesk };
  const handlers = createHandlers(services);
  events.subscribe((e) => {
    if (e.type === 'sync.status') updates.connectionChanged(e.status);
  });

  async function call<M extends StationMethod>(method: M, input: StationInput<M>): Promise<StationOutputs[M]> {
    const parsed = parseStationInput(method, input);
    const counted = !method.startsWith('updates.') && !method.startsWith('sync.');
    if (counted) writesInFlight++;
    try {
      return await handlers[method](ctx, parsed as never);
    } catch (e) {
      if (isDaibanError(e)) throw e;
      log.error({ err: e, method }, 'station call failed');
      throw new DaibanError('INTERNAL', INTERNAL_MESSAGE);
    } finally {
      if (counted) writesInFlight--;
    }
  }

  let closing: Promise<void> | null = null;
  function close(): Promise<void> {
    if (closing) return closing;
    void integrityRun.stop();
    updates.stop();
    void idCard.stop();
    // A backup in progress (VACUUM INTO, then its check) finishes before the store closes under it.
    const backupRun = backupSchedule.busy ? backupSchedule.stop() : null;
    if (!backupRun) void backupSchedule.stop();
    const running = agent.close();
    if (!running && !backupRun) {
      ctx.db.close();
      return (closing = Promise.resolve());
    }
    return (closing = Promise.all([running, backupRun]).then(() => {
      ctx.db.close();
    }));
  }

  if (options.sync?.autoStart !== false) agent.start();
  if (options.backups?.autoStart !== false) backupSchedule.start();
  idCard.start();
  return {
    ctx,
    services,
    call,
    sync: {
      start: () => agent.start(),
      stop: () => agent.stop(),
      syncNow: () => agent.syncNow(),
      status: () => agent.status(),
    },
    onEvent: (listener) => events.subscribe(listener),
    close,
  };
}
