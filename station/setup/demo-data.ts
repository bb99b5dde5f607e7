/**
 * The demo village of `npm start` (browser host, or Electron with DAIBAN_DEMO=1) and the end-to-end tests: a
 * real Ruijin village code, the seed catalog and two local accounts. Nothing calls it in production, where a
 * terminal is set up by enrollment.
 */
import { SEED_CATALOG } from '../../core/catalog/seed';
import { getSetting, listCatalogVersions } from '../../db';
import { provisionStation, type ProvisionOptions } from './provision';
import { SETTINGS } from '../runtime/settings-keys';
import type { Station } from '../station';

export const DEMO_SERVICE_POINT = {
  name: '瑞金市叶坪乡华屋村为民服务代办点',
  divisionCode: '360781102201',
  terminalNo: 1,
} as const;

export const DEMO_CADRE = { username: 'daiban', password: 'Daiban2026', displayName: '李春梅', role: 'cadre' } as const;
export const DEMO_ADMIN = { username: 'admin', password: 'Admin2026', displayName: '系统管理员', role: 'admin' } as const;

export const DEMO_PROVISION: ProvisionOptions = {
  servicePoint: { ...DEMO_SERVICE_POINT },
  catalog: SEED_CATALOG,
  users: [{ ...DEMO_CADRE }, { ...DEMO_ADMIN }],
};

/**
 * Provisions the demo village on first run, and again only when the seed catalog gained a version the
 * store does not hold (provisioning is idempotent, but each run writes an audit entry).
 */
export async function provisionDemoIfNeeded(station: Station): Promise<boolean> {
  const { db } = station.ctx;
  const provisioned = getSetting(db, SETTINGS.divisionCode) !== null && listCatalogVersions(db).includes(SEED_CATALOG.version);
  if (provisioned) return false;
  const firstRun = getSetting(db, SETTINGS.divisionCode) === null;
  await provisionStation(station, DEMO_PROVISION);
  if (firstRun) await registerDemoHousehold(station);
  return true;
}

/** A family of four (valid ID numbers of Ruijin, born 1956–1990): 户 as a record, for the demo's 低保. */
export const DEMO_HOUSEHOLD = [
  { idNumber: '360781195603140610', name: '刘德福', relation: '户主', phone: '13870071234' },
  { idNumber: '360781195808220622', name: '钟桂香', relation: '配偶' },
  { idNumber: '360781198502160640', name: '刘小兰', relation: '子女' },
  { idNumber: '360781199001050616', name: '刘建国', relation: '子女' },
] as const;

export async function registerDemoHousehold(station: Station): Promise<void> {
  await station.call('session.login', { username: DEMO_CADRE.username, password: DEMO_CADRE.password });
  try {
    const ids: string[] = [];
    for (const p of DEMO_HOUSEHOLD) {
      const r = await station.call('residents.register', { idNumber: p.idNumber, name: p.name, ...('phone' in p ? { phone: p.phone } : {}) });
      ids.push(r.id);
    }
    await station.call('households.save', { members: DEMO_HOUSEHOLD.map((p, i) => ({ residentId: ids[i]!, relation: p.relation })) });
  } finally {
    await station.call('session.logout', {});
  }
}

/**
 * The Electron demo of `npm start`: enrolled to the demo platform with the one-time code it passes, else (no
 * platform) provisioned locally. A store provisioned by an earlier, platform-less run enrolls as its admin.
 */
export async function prepareDemoTerminal(station: Station, platform: { url?: string; code?: string }): Promise<void> {
  if (station.sync.status().enrolled) return;
  if (!platform.url || !platform.code) {
    await provisionDemoIfNeeded(station);
    return;
  }
  const provisionedLocally = getSetting(station.ctx.db, SETTINGS.divisionCode) !== null;
  if (provisionedLocally) await station.call('session.login', { username: DEMO_ADMIN.username, password: DEMO_ADMIN.password });
  await station.call('sync.enroll', { platformUrl: platform.url, code: platform.code });
  if (provisionedLocally) await station.call('session.logout', {});
}
