import { gzipSync } from 'node:zlib';
import { DIAGNOSTICS_FORMAT, DIAGNOSTICS_LIMITS, diagnosticsBundleSchema, diagnosticsFileName, type DiagnosticsBundle } from '../../core/diagnostics/bundle';
import { getSetting, listCatalogVersions, schemaVersion } from '../../db';
import { APP_VERSION } from '../runtime/app-version';
import type { StationContext } from '../context';
import { SETTINGS } from '../runtime/settings-keys';
import { summarizeBackups } from './backups';
import { checkStoreIntegrity } from './integrity';
import { readLogTail } from './log-tail';
import { summarizeQueue } from './queue';
import { createScrubber, type Scrubber } from './scrub';
import { diskInfo, runtimeInfo } from './system';

/** The sync agent's own view of its health (SyncAgent.health()); passed in so diagnostics never import the agent. */
export interface SyncHealth {
  consecutiveFailures: number;
  lastErrorKind: string | null;
  lastErrorCode: string | null;
  online: boolean | null;
}

export interface BuildDiagnosticsOptions {
  health: SyncHealth;
  appVersion?: string;
  maxLogLines?: number;
}

function platformHost(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

function terminalInfo(ctx: StationContext, appVersion: string): DiagnosticsBundle['terminal'] {
  const db = ctx.db;
  const id = getSetting(db, SETTINGS.terminalId);
  const role = getSetting(db, SETTINGS.terminalRole);
  const point = ctx.servicePoint();
  return {
    id,
    role: role === 'village' || role === 'township' || role === 'county' ? role : null,
    divisionCode: point.divisionCode,
    servicePointName: point.name,
    terminalNo: point.terminalNo,
    appVersion,
    schemaVersion: schemaVersion(db),
    catalogVersion: listCatalogVersions(db).at(-1) ?? null,
    enrolled: id !== null,
    platformHost: platformHost(getSetting(db, SETTINGS.platformUrl)),
  };
}

function syncInfo(ctx: StationContext, health: SyncHealth, scrubber: Scrubber): DiagnosticsBundle['sync'] {
  const db = ctx.db;
  const lastError = getSetting(db, SETTINGS.lastError);
  const offset = Number(getSetting(db, SETTINGS.serverOffsetMs) ?? NaN);
  return {
    lastSuccessAt: getSetting(db, SETTINGS.lastSuccessAt),
    lastAttemptAt: getSetting(db, SETTINGS.lastAttemptAt),
    lastError: lastError === null ? null : scrubber.scrub(lastError).slice(0, 500),
    lastErrorKind: health.lastErrorKind,
    lastErrorCode: health.lastErrorCode,
    consecutiveFailures: health.consecutiveFailures,
    online: health.online,
    serverOffsetMs: Number.isFinite(offset) ? Math.round(offset) : null,
  };
}

function scrubStrings(value: unknown, scrubber: Scrubber): unknown {
  if (typeof value === 'string') return scrubber.scrubKnown(value);
  if (Array.isArray(value)) return value.map((v) => scrubStrings(v, scrubber));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubStrings(v, scrubber)]));
  return value;
}

const jsonBytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

/** Drops the oldest log lines until the bundle's JSON fits its ceiling. */
function fitToLimit(bundle: DiagnosticsBundle): DiagnosticsBundle {
  let excess = jsonBytes(bundle) - DIAGNOSTICS_LIMITS.bundleBytes;
  if (excess <= 0) return bundle;
  const lines = [...bundle.logs.lines];
  while (excess > 0 && lines.length > 0) excess -= jsonBytes(lines.shift()) + 1;
  return { ...bundle, logs: { ...bundle.logs, lines, truncated: true } };
}

/**
 * Builds the diagnostics bundle from the store's counts and states, the checks, and the scrubbed log tail.
 * Personal data is read only to be redacted: every name, ID number and phone number the store holds is
 * replaced wherever it appears, and the finished JSON is passed through that once more.
 */
export async function buildDiagnosticsBundle(ctx: StationContext, o: BuildDiagnosticsOptions): Promise<DiagnosticsBundle> {
  const now = ctx.clock.now();
  const scrubber = createScrubber(ctx.db);
  const logs = readLogTail(ctx.dataDir, scrubber, o.maxLogLines);
  const backups = summarizeBackups(ctx.dataDir);
  const draft: DiagnosticsBundle = fitToLimit({
    format: DIAGNOSTICS_FORMAT,
    createdAt: now.toISOString(),
    terminal: terminalInfo(ctx, o.appVersion ?? APP_VERSION),
    runtime: runtimeInfo(),
    disk: await diskInfo(ctx.dataDir),
    integrity: checkStoreIntegrity(ctx.db),
    queue: summarizeQueue(ctx.db, now),
    sync: syncInfo(ctx, o.health, scrubber),
    ...(backups ? { backups } : {}),
    logs,
  });
  // The last guard: no value the store knows as personal survives in any string of the bundle (the service
  // point's name included, should a resident's name happen to be part of it). Numbers are left alone.
  const bundle = diagnosticsBundleSchema.parse(scrubStrings(draft, scrubber));
  bundle.logs.redactions = scrubber.redactions;
  return bundle;
}

export interface DiagnosticsFile {
  fileName: string;
  /** gzip of the bundle's JSON. */
  data: Buffer;
  bundle: DiagnosticsBundle;
}

/** The bundle as a `.json.gz` file, named after the terminal and the time (for a USB stick). */
export async function exportDiagnostics(ctx: StationContext, o: BuildDiagnosticsOptions): Promise<DiagnosticsFile> {
  const bundle = await buildDiagnosticsBundle(ctx, o);
  const t = bundle.terminal;
  const who = t.divisionCode && t.terminalNo !== null ? `${t.divisionCode}-${String(t.terminalNo).padStart(2, '0')}` : (t.id ?? 'local');
  return {
    fileName: diagnosticsFileName(who, new Date(bundle.createdAt)),
    data: gzipSync(JSON.stringify(bundle)),
    bundle,
  };
}
