import { randomBytes } from 'node:crypto';
import { DELEGATED_CATALOG } from './delegated-catalog';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ApplicationView } from '../../core/api/views';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { citizenIdCheckChar } from '../../core/citizen-id';
import { startPlatform, type RunningPlatform } from '../../platform/index';
import type { Clock } from '../../station/runtime/clock';
import type { StationEvent } from '../../station/runtime/events';
import { provisionStation, type ProvisionOptions } from '../../station/setup/provision';
import { createStation, type Station } from '../../station/station';
import type { SyncOptions } from '../../station/sync/agent';
import { allMaterials, validValues } from './forms';
import { silentLog } from './station';

export const SYNC_VILLAGE = '360781102201';
export const POINT_NAME = '瑞金市叶坪乡华屋村为民服务代办点';
export const PLATFORM_CADRE = { username: 'cadre01', displayName: '李春梅', password: 'Daiban2026', role: 'cadre' } as const;
export const PLATFORM_ADMIN = { username: 'admin01', displayName: '王建华', password: 'Admin2026x', role: 'admin' } as const;

/** A reference platform in memory with the seed catalog and the village's cadre and admin accounts. */
/** `delegated`: also the newer catalog in which the townships decide 低保 alone (test/helpers/delegated-catalog.ts). */
export async function startTestPlatform(o: { now?: () => Date; maxInflightOutbox?: number; delegated?: boolean } = {}): Promise<RunningPlatform> {
  const { delegated, ...options } = o;
  const platform = await startPlatform({ log: false, ...options });
  await platform.admin.publishCatalog(SEED_CATALOG);
  if (delegated) await platform.admin.publishCatalog(DELEGATED_CATALOG);
  for (const a of [PLATFORM_CADRE, PLATFORM_ADMIN]) await platform.admin.createAccount({ ...a, divisionCode: SYNC_VILLAGE });
  return platform;
}

export async function issueCode(platform: RunningPlatform, divisionCode = SYNC_VILLAGE): Promise<string> {
  return (await platform.admin.issueEnrollmentCode({ divisionCode, role: 'village', servicePointName: POINT_NAME })).code;
}

export interface SyncTestStation {
  station: Station;
  dataDir: string;
  events: StationEvent[];
  reopen(sync?: SyncOptions): Station;
  cleanup(): Promise<void>;
}

/** A fresh, never provisioned terminal (what IT staff unpack at a village), agent not started. */
export function freshStation(o: { sync?: SyncOptions; clock?: Clock } = {}): SyncTestStation {
  const dataDir = mkdtempSync(join(tmpdir(), 'daiban-sync-'));
  const key = randomBytes(32);
  const events: StationEvent[] = [];
  const open = (sync?: SyncOptions) => {
    const s = createStation({ dataDir, key, clock: o.clock, log: silentLog, sync: { autoStart: false, ...o.sync, ...sync }, backups: { autoStart: false } });
    s.onEvent((e) => events.push(e));
    return s;
  };
  let station = open();
  return {
    get station() {
      return station;
    },
    dataDir,
    events,
    reopen(sync) {
      void station.close();
      station = open(sync);
      return station;
    },
    async cleanup() {
      await station.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Enrolled with a fresh code; the first sync has brought accounts and the catalog down. */
export async function enrolledStation(platform: RunningPlatform, o: { sync?: SyncOptions; clock?: Clock } = {}): Promise<SyncTestStation> {
  const t = freshStation(o);
  await t.station.call('sync.enroll', { platformUrl: platform.url, code: await issueCode(platform) });
  await t.station.call('session.login', { username: PLATFORM_CADRE.username, password: PLATFORM_CADRE.password });
  return t;
}

/** A valid ID number, different for each `n` below a million (born in Ruijin from 1956-03-14 on, a day per thousand). */
export function idNumber(n: number): string {
  const born = new Date(Date.UTC(1956, 2, 14 + Math.floor(n / 1000))).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `360781${born}${String(n % 1000).padStart(3, '0')}`;
  return first17 + citizenIdCheckChar(first17);
}

/** A scan that does not compress: `kib` of JPEG, roughly, so uploads take several chunks. */
export async function noisyScan(width = 1200, height = 900): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 80 } } })
    .png()
    .toBuffer();
}

/** Registers a resident and submits a complete 低保 application (MZ-0001), with the given scans. */
export async function submitApplication(station: Station, n: number, scans: Buffer[] = []): Promise<ApplicationView> {
  const resident = await station.call('residents.register', { idNumber: idNumber(n), name: '王兆明' });
  const item = await station.call('catalog.get', { code: 'MZ-0001' });
  const draft = await station.call('applications.createDraft', { residentId: resident.id, itemCode: item.code });
  await station.call('applications.saveDraft', { id: draft.id, form: validValues(item.form.fields), materials: allMaterials(item) });
  for (const [i, scan] of scans.entries()) {
    await station.call('attachments.add', {
      applicationId: draft.id,
      fileName: `材料${i + 1}.png`,
      mimeType: 'image/png',
      dataBase64: scan.toString('base64'),
    });
  }
  return station.call('applications.submit', { id: draft.id });
}

/**
 * Provisions `station` as the village's terminal 1 with the seed catalog and `admin` as its only account;
 * the admin submits applications 1…`count` (see submitApplication) and logs out again.
 */
export async function provisionWithApplications(station: Station, admin: NonNullable<ProvisionOptions['users']>[number], count: number): Promise<void> {
  await provisionStation(station, {
    servicePoint: { name: POINT_NAME, divisionCode: SYNC_VILLAGE, terminalNo: 1 },
    catalog: SEED_CATALOG,
    users: [admin],
  });
  await station.call('session.login', { username: admin.username, password: admin.password });
  for (let n = 1; n <= count; n++) await submitApplication(station, n);
  await station.call('session.logout', {});
}

/** Wraps fetch: counts requests and body bytes per route, and lets a test break chosen requests. */
export function recordingFetch(o: { fail?: (url: URL, init: RequestInit | undefined, index: number) => Response | Error | null } = {}) {
  const calls: { method: string; path: string; bytes: number; range: string | null; status: number | null }[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const body = init?.body;
    const bytes = body instanceof Uint8Array ? body.byteLength : typeof body === 'string' ? Buffer.byteLength(body) : 0;
    const headers = new Headers(init?.headers);
    const call = { method: init?.method ?? 'GET', path: url.pathname + url.search, bytes, range: headers.get('content-range'), status: null as number | null };
    calls.push(call);
    const injected = o.fail?.(url, init, calls.length - 1) ?? null;
    if (injected instanceof Error) throw injected;
    const res = injected ?? (await fetch(input, init));
    call.status = res.status;
    return res;
  };
  return { fetch: wrapped, calls };
}
