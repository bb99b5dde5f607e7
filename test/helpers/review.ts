import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApplicationReceived } from '../../core/sync/changes';
import type { ApplicationSubmitted, ReviewDecided } from '../../core/sync/messages';
import type { Change } from '../../core/sync/protocol';
import type { CatalogVersion } from '../../core/catalog/model';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { seedDivisions } from '../../core/divisions/seed';
import { setSetting, type OutboxMessage } from '../../db';
import type { RunningPlatform } from '../../platform/index';
import type { Clock } from '../../station/runtime/clock';
import type { StationEvent } from '../../station/runtime/events';
import { provisionStation } from '../../station/setup/provision';
import { SETTINGS } from '../../station/runtime/settings-keys';
import { createStation, type Station } from '../../station/station';
import type { SyncOptions } from '../../station/sync/agent';
import { applyChangesPage } from '../../station/sync/apply-changes';
import { settleBatch } from '../../station/sync/settle-batch';
import { allMaterials, validValues } from './forms';
import { silentLog } from './station';
import { enrolledStation, freshStation, idNumber, startTestPlatform, type SyncTestStation } from './sync';

/** 叶坪乡: the township above the test village 360781102201. */
export const TOWNSHIP = '360781102';
export const TOWNSHIP_CODE = '360781102000';
export const TOWNSHIP_POINT = '瑞金市叶坪乡便民服务中心';
export const PLATFORM_REVIEWER = { username: 'review01', displayName: '张建国', password: 'Review2026x', role: 'reviewer' } as const;

/** Once per platform: the township's reviewer account (it comes down to the township terminal at enrollment). */
export async function createReviewer(platform: RunningPlatform): Promise<void> {
  const known = await platform.admin.listAccounts();
  if (!known.some((a) => a.username === PLATFORM_REVIEWER.username)) {
    await platform.admin.createAccount({ ...PLATFORM_REVIEWER, divisionCode: TOWNSHIP });
  }
}

/** A township terminal enrolled at `platformUrl` (the platform itself, or a fault proxy in front of it), reviewer logged in. */
export async function enrolledTownship(
  platform: RunningPlatform,
  o: { platformUrl?: string; sync?: SyncOptions; clock?: Clock } = {},
): Promise<SyncTestStation> {
  await createReviewer(platform);
  const { code } = await platform.admin.issueEnrollmentCode({ divisionCode: TOWNSHIP, role: 'township', servicePointName: TOWNSHIP_POINT });
  const t = freshStation({ sync: o.sync, clock: o.clock });
  await t.station.call('sync.enroll', { platformUrl: o.platformUrl ?? platform.url, code });
  await t.station.call('session.login', { username: PLATFORM_REVIEWER.username, password: PLATFORM_REVIEWER.password });
  return t;
}

/** 瑞金市's county reviewer (县级审批), an account at the county's division. */
export const COUNTY_REVIEWER = { username: 'xianji01', displayName: '赵敏', password: 'Xianji2026', role: 'reviewer' } as const;

/** The county's terminal (瑞金市民政局), enrolled at the platform, its reviewer logged in. */
export async function enrolledCounty(platform: RunningPlatform, o: { clock?: Clock } = {}): Promise<SyncTestStation> {
  const known = await platform.admin.listAccounts();
  if (!known.some((a) => a.username === COUNTY_REVIEWER.username)) await platform.admin.createAccount({ ...COUNTY_REVIEWER, divisionCode: '360781' });
  const county = freshStation({ clock: o.clock });
  const { code } = await platform.admin.issueEnrollmentCode({ divisionCode: '360781', role: 'county', servicePointName: '瑞金市民政局' });
  await county.station.call('sync.enroll', { platformUrl: platform.url, code });
  await county.station.call('session.login', { username: COUNTY_REVIEWER.username, password: COUNTY_REVIEWER.password });
  return county;
}

export interface LocalTownship {
  station: Station;
  events: StationEvent[];
  cleanup(): void;
}

/** A township terminal without a platform: provisioned locally, marked township; changes are fed by hand. */
export async function localTownship(o: { clock?: Clock; catalog?: CatalogVersion } = {}): Promise<LocalTownship> {
  const dataDir = mkdtempSync(join(tmpdir(), 'daiban-township-'));
  const station = createStation({ dataDir, key: randomBytes(32), clock: o.clock, log: silentLog, sync: { autoStart: false }, backups: { autoStart: false } });
  const events: StationEvent[] = [];
  station.onEvent((e) => events.push(e));
  await provisionStation(station, {
    servicePoint: { name: TOWNSHIP_POINT, divisionCode: TOWNSHIP_CODE, terminalNo: 1 },
    catalog: o.catalog ?? SEED_CATALOG,
    users: [{ ...PLATFORM_REVIEWER }],
  });
  setSetting(station.ctx.db, SETTINGS.terminalRole, 'township');
  await station.call('session.login', { username: PLATFORM_REVIEWER.username, password: PLATFORM_REVIEWER.password });
  return {
    station,
    events,
    cleanup() {
      void station.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let cursor = 0;

/** Applies changes as one feed page (the path pull-changes takes). */
export function feed(station: Station, changes: { kind: string; body: unknown; divisionCode?: string }[]): void {
  const page: Change[] = changes.map((c) => ({
    cursor: String(++cursor),
    kind: c.kind,
    divisionCode: c.divisionCode ?? '360781102201',
    body: c.body,
    at: station.ctx.clock.now().toISOString(),
  }));
  applyChangesPage(station.ctx.db, page, String(cursor), station.ctx.clock.now().toISOString(), silentLog);
}

/** The body of the newest outbox message of a kind. */
export function lastOutbox<T>(station: Station, kind: string): { message: OutboxMessage; body: T } {
  const m = station.ctx.db
    .prepare(
      `SELECT seq, id, kind, body, sha256, status, attempts, last_error AS lastError, created_at AS createdAt, settled_at AS settledAt
       FROM outbox WHERE kind = ? ORDER BY seq DESC LIMIT 1`,
    )
    .get(kind) as OutboxMessage | undefined;
  if (!m) throw new Error(`no outbox message of kind ${kind}`);
  return { message: m, body: JSON.parse(m.body) as T };
}

/** The platform's verdict on one message, through the agent's settle path. */
export function settleOne(station: Station, m: OutboxMessage, result: 'accepted' | 'invalid', reason = '平台拒绝'): void {
  const r = result === 'accepted' ? { id: m.id, result } : { id: m.id, result, code: 'ILLEGAL_TRANSITION', reason };
  settleBatch(station.ctx.db, 'batch', [m], [r as never], station.ctx.clock.now().toISOString());
}

let residentNo = 100;
/** A complete 低保 application (a new resident each time) submitted on a village terminal and acknowledged by the (pretend) platform. */
export async function submittedOn(village: Station, scans: Buffer[] = []): Promise<ApplicationSubmitted> {
  const resident = await village.call('residents.register', { idNumber: idNumber(++residentNo), name: '王兆明' });
  const item = await village.call('catalog.get', { code: 'MZ-0001' });
  const draft = await village.call('applications.createDraft', { residentId: resident.id, itemCode: item.code });
  await village.call('applications.saveDraft', { id: draft.id, form: validValues(item.form.fields), materials: allMaterials(item) });
  for (const scan of scans) {
    await village.call('attachments.add', { applicationId: draft.id, fileName: '户口簿.png', mimeType: 'image/png', dataBase64: scan.toString('base64') });
  }
  await village.call('applications.submit', { id: draft.id });
  const { message, body } = lastOutbox<ApplicationSubmitted>(village, 'application.submitted');
  settleOne(village, message, 'accepted');
  return body;
}

/** What the platform fans up to the township when a village's submission arrives. */
export function receivedChange(sub: ApplicationSubmitted, status: ApplicationReceived['status'] = 'sent', receivedAt = sub.submittedAt) {
  const body: ApplicationReceived = { applicationId: sub.applicationId, receiptNo: sub.receiptNo, status, receivedAt, submission: sub };
  return { kind: 'application.received', body, divisionCode: sub.divisionCode };
}

/** What the platform sends down when it accepted a decision. */
export function decidedChange(d: ReviewDecided, status: string, receiptNo: string) {
  return { kind: 'application.decided', body: { ...d, status, receiptNo }, divisionCode: d.divisionCode };
}

/** A platform with the test village's and its township's terminals enrolled to it, cadre and reviewer logged in. */
export interface VillageAndTownship {
  platform: RunningPlatform;
  village: SyncTestStation;
  township: SyncTestStation;
  /** Closes both terminals (their stores removed) and the platform. */
  close(): Promise<void>;
}

/** For a test file's `before`: `divisions` loads the seed's names first, so both terminals learn them. */
export async function villageAndTownship(o: { clock?: Clock; divisions?: boolean; delegated?: boolean } = {}): Promise<VillageAndTownship> {
  const platform = await startTestPlatform({ delegated: o.delegated });
  const opened: SyncTestStation[] = [];
  const close = async () => {
    for (const s of opened) await s.cleanup();
    await platform.close();
  };
  try {
    if (o.divisions) await platform.admin.loadDivisions(seedDivisions());
    const village = await enrolledStation(platform, { clock: o.clock });
    opened.push(village);
    const township = await enrolledTownship(platform, { clock: o.clock });
    opened.push(township);
    return { platform, village, township, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** The demo county's three levels on one platform (division names loaded): a village, its township and the county. */
export interface ThreeLevels extends VillageAndTownship {
  county: SyncTestStation;
}

/** For a test file's `before`: the terminals logged in (cadre, reviewer, county reviewer); `now` moves the platform's clock. */
export async function threeLevels(o: { now?: () => Date } = {}): Promise<ThreeLevels> {
  const platform = await startTestPlatform(o.now ? { now: o.now } : {});
  const opened: SyncTestStation[] = [];
  const close = async () => {
    for (const s of opened) await s.cleanup();
    await platform.close();
  };
  try {
    await platform.admin.loadDivisions(seedDivisions());
    for (const open of [enrolledStation, enrolledTownship, enrolledCounty]) opened.push(await open(platform));
    const [village, township, county] = opened as [SyncTestStation, SyncTestStation, SyncTestStation];
    return { platform, village, township, county, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** One sync run of a terminal that must end without an error. */
export async function syncOk(s: SyncTestStation): Promise<void> {
  assert.equal((await s.station.sync.syncNow()).lastError, null);
}
