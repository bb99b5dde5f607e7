import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { CatalogVersion } from '../../core/catalog/model';
import { SEED_CATALOG } from '../../core/catalog/seed';
import type { Clock } from '../../station/runtime/clock';
import type { PrinterPort } from '../../station/printing/ports/printer';
import { provisionStation } from '../../station/setup/provision';
import type { IdCardServiceOptions } from '../../station/id-card/service';
import { createStation, type Station } from '../../station/station';

export const TEST_VILLAGE = '360781102201';
export const CADRE = { username: 'cadre01', password: 'Daiban2026', displayName: '李春梅' } as const;
export const REVIEWER = { username: 'review01', password: 'Review2026', displayName: '张建国' } as const;

/** A clock the test moves by hand. */
export function manualClock(startIso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = new Date(startIso).getTime();
  return {
    now: () => new Date(t),
    set: (iso) => (t = new Date(iso).getTime()),
    advance: (ms) => (t += ms),
  };
}

export interface TestStation {
  station: Station;
  dataDir: string;
  key: Buffer;
  reopen(): Station;
  cleanup(): void;
}

/** A real encrypted store in a temp directory, provisioned like a village terminal. */
export async function makeStation(
  o: { clock?: Clock; printers?: PrinterPort; catalog?: CatalogVersion; login?: boolean; idCard?: IdCardServiceOptions } = {},
): Promise<TestStation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'daiban-test-'));
  const key = randomBytes(32);
  const open = () => createStation({ dataDir, key, clock: o.clock, printers: o.printers, log: silentLog, backups: { autoStart: false }, idCard: o.idCard });
  let station = open();
  await provisionStation(station, {
    servicePoint: { name: '瑞金市叶坪乡华屋村为民服务代办点', divisionCode: TEST_VILLAGE, terminalNo: 1 },
    catalog: o.catalog ?? SEED_CATALOG,
    users: [
      { ...CADRE, role: 'cadre' },
      { ...REVIEWER, role: 'reviewer' },
    ],
  });
  if (o.login !== false) await station.call('session.login', { username: CADRE.username, password: CADRE.password });
  const t: TestStation = {
    get station() {
      return station;
    },
    dataDir,
    key,
    reopen() {
      station.close();
      station = open();
      return station;
    },
    cleanup() {
      try {
        station.close();
      } catch {
        /* already closed */
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

export const silentLog = pino({ level: 'silent' });
