/**
 * The demo of `npm start`: a provincial platform on PGlite (.data/platform) and three terminals enrolled to it,
 * the village service point of 华屋村, the township service centre of 叶坪乡 and the county (瑞金市), with demo accounts that come
 * down the change feed like real ones. Everything is created on first run and reused afterwards.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import { SEED_CATALOG } from '../core/catalog/seed';
import { startPlatform, type RunningPlatform } from '../platform';
import { DEMO_ADMIN, DEMO_CADRE, DEMO_SERVICE_POINT } from '../station/setup/demo-data';
import { loadOrCreateKeyFile } from '../station/runtime/key-file';
import type { IdCardServiceOptions } from '../station/id-card/service';
import { createStation, type Station } from '../station/station';
import { seedDivisions } from '../core/divisions/seed';
import { STATUTORY_2027 } from '../core/calendar-year';
import { registerDemoHousehold } from '../station/setup/demo-data';
import { seedDemoWork } from './demo-work';

export const DEMO_TOWNSHIP_POINT = { name: '瑞金市叶坪乡便民服务中心', divisionCode: '360781102' } as const;
export const DEMO_REVIEWER = { username: 'shenhe', password: 'Shenhe2026', displayName: '张建国', role: 'reviewer' } as const;
export const DEMO_COUNTY_POINT = { name: '瑞金市民政局', divisionCode: '360781' } as const;
export const DEMO_COUNTY_REVIEWER = { username: 'xianji', password: 'Xianji2026', displayName: '赵敏', role: 'reviewer' } as const;
/** County IT (瑞金市, 360781): logs in on either demo terminal and opens the IT console. */
export const DEMO_IT = { username: 'yunwei', password: 'Yunwei2026', displayName: '刘志强', role: 'it', divisionCode: '360781' } as const;

interface DemoTerminalSpec {
  dir: string;
  name: string;
  divisionCode: string;
  role: 'village' | 'township' | 'county';
}

const TERMINALS = {
  village: { dir: 'demo-village', name: DEMO_SERVICE_POINT.name, divisionCode: DEMO_SERVICE_POINT.divisionCode, role: 'village' },
  township: { dir: 'demo-township', name: DEMO_TOWNSHIP_POINT.name, divisionCode: DEMO_TOWNSHIP_POINT.divisionCode, role: 'township' },
  county: { dir: 'demo-county', name: DEMO_COUNTY_POINT.name, divisionCode: DEMO_COUNTY_POINT.divisionCode, role: 'county' },
  /** The village's second PC (a second counter, or one replacing a dead PC): it shares the village through the platform. */
  village2: { dir: 'demo-village-2', name: DEMO_SERVICE_POINT.name, divisionCode: DEMO_SERVICE_POINT.divisionCode, role: 'village' },
} as const satisfies Record<string, DemoTerminalSpec>;

const ACCOUNTS = [
  { ...DEMO_CADRE, divisionCode: DEMO_SERVICE_POINT.divisionCode },
  { ...DEMO_ADMIN, divisionCode: DEMO_SERVICE_POINT.divisionCode },
  { ...DEMO_REVIEWER, divisionCode: DEMO_TOWNSHIP_POINT.divisionCode },
  { ...DEMO_COUNTY_REVIEWER, divisionCode: DEMO_COUNTY_POINT.divisionCode },
  DEMO_IT,
];

export interface DemoTerminalHandle {
  station: Station;
  keyFile: string;
  name: string;
}

export interface DemoFleet {
  platform: RunningPlatform;
  /** Absent when the village terminal runs elsewhere (the Electron app of `npm start`). */
  village: DemoTerminalHandle | null;
  township: DemoTerminalHandle;
  /** 瑞金市's county terminal: 县级审批 of what its townships passed up, their worklists, statistics and ledger. */
  county: DemoTerminalHandle;
  /** 华屋村's second terminal, enrolled after the first one's work went up: it starts with the village's residents and applications. */
  village2: DemoTerminalHandle;
  /** A fresh one-time code for another terminal of the demo village. */
  villageEnrollmentCode(): Promise<string>;
  close(): Promise<void>;
}

/** Catalog, division names, the 2027 holidays and accounts on the platform; each step is skipped when already done. */
async function seedPlatform(platform: RunningPlatform): Promise<void> {
  await platform.admin.publishCatalog(SEED_CATALOG);
  await platform.admin.loadDivisions(seedDivisions());
  await platform.admin.publishCalendarYear(STATUTORY_2027);
  const existing = new Set((await platform.admin.listAccounts()).map((a) => a.username));
  for (const a of ACCOUNTS.filter((x) => !existing.has(x.username))) {
    await platform.admin.createAccount({ username: a.username, displayName: a.displayName, role: a.role, divisionCode: a.divisionCode, password: a.password });
  }
}

/** Opens a demo terminal, enrolling it with a fresh one-time code the first time. */
async function openEnrolled(
  platform: RunningPlatform,
  spec: DemoTerminalSpec,
  dataRoot: string,
  o: DemoFleetOptions,
): Promise<DemoTerminalHandle & { fresh: boolean }> {
  const dataDir = join(dataRoot, spec.dir);
  const keyFile = join(dataDir, 'daiban.key');
  const station = createStation({
    dataDir,
    key: loadOrCreateKeyFile(keyFile, o.warn),
    log: o.log,
    sync: { intervalMs: o.syncIntervalMs },
    ...(spec.role === 'village' && o.villageIdCard ? { idCard: o.villageIdCard } : {}),
  });
  try {
    const fresh = !station.sync.status().enrolled;
    if (fresh) {
      const { code } = await platform.admin.issueEnrollmentCode({ divisionCode: spec.divisionCode, role: spec.role, servicePointName: spec.name });
      await station.call('sync.enroll', { platformUrl: platform.url, code });
      // The village's first run: a household on record, so 居民与户 and a 低保 filled from it can be tried.
      if (spec === TERMINALS.village) await registerDemoHousehold(station);
    }
    return { station, keyFile, name: spec.name, fresh };
  } catch (e) {
    await station.close();
    throw e;
  }
}

export interface DemoFleetOptions {
  platformPort?: number;
  log?: Logger;
  warn?: (msg: string) => void;
  /** How often the demo terminals sync while online (short, so a newcomer sees things move). */
  syncIntervalMs?: number;
  /** Leave the village terminal out (default: include it). */
  withoutVillage?: boolean;
  /** The village counter's ID card reader (the simulated one in `npm start`). */
  villageIdCard?: IdCardServiceOptions;
}

export async function startDemoFleet(dataRoot: string, o: DemoFleetOptions = {}): Promise<DemoFleet> {
  const platform = await startPlatform({ dataDir: join(dataRoot, 'platform'), port: o.platformPort ?? 0, log: o.log ?? false });
  const opened: DemoTerminalHandle[] = [];
  const closeAll = async () => {
    await Promise.all(opened.map((t) => t.station.close()));
    await platform.close();
  };
  try {
    await seedPlatform(platform);
    const township = await openEnrolled(platform, TERMINALS.township, dataRoot, o);
    opened.push(township);
    const county = await openEnrolled(platform, TERMINALS.county, dataRoot, o);
    opened.push(county);
    const village = o.withoutVillage ? null : await openEnrolled(platform, TERMINALS.village, dataRoot, o);
    if (village) opened.push(village);
    // The village's first run: review work at every step (scripts/demo-work.ts).
    if (village?.fresh) {
      await seedDemoWork({ platform, village: village.station, township: township.station, county: county.station, reviewer: DEMO_REVIEWER });
    }
    // Last, so its enrollment's first sync brings down everything the first one sent.
    const village2 = await openEnrolled(platform, TERMINALS.village2, dataRoot, o);
    opened.push(village2);
    return {
      platform,
      village,
      township,
      county,
      village2,
      villageEnrollmentCode: async () =>
        (await platform.admin.issueEnrollmentCode({ divisionCode: TERMINALS.village.divisionCode, role: 'village', servicePointName: TERMINALS.village.name }))
          .code,
      close: closeAll,
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}
