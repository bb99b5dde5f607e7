import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../core/api/views';
import type { CatalogVersion } from '../../core/catalog/model';
import { parseDivisionCode } from '../../core/division';
import { DaibanError } from '../../core/errors';
import { findUserByUsername, insertCatalogVersion, insertUser, setSetting } from '../../db';
import { recordChange } from '../runtime/record-change';
import { hashPassword } from '../../base/node/passwords';
import { SETTINGS } from '../runtime/settings-keys';
import type { Station } from '../station';

export interface ProvisionOptions {
  servicePoint: { name: string; divisionCode: string; terminalNo: number };
  catalog?: CatalogVersion;
  users?: { username: string; displayName: string; role: Role; password: string }[];
}

/**
 * Sets a terminal up without the platform: service point, a catalog version, local accounts. Used for the
 * demo and tests; enrollment (the sync issue) fills the same settings from the platform. Idempotent:
 * existing accounts and catalog versions are left as they are.
 */
export async function provisionStation(station: Station, o: ProvisionOptions): Promise<void> {
  const division = parseDivisionCode(o.servicePoint.divisionCode);
  if (!division.ok) throw new DaibanError(division.code, division.message);
  if (!['village', 'township'].includes(division.value.level)) {
    throw new DaibanError('INVALID_DIVISION_CODE', '代办点的区划代码应为村（社区）或乡镇（街道）一级。');
  }
  const { db } = station.ctx;
  const hashed = await Promise.all(
    (o.users ?? []).filter((u) => !findUserByUsername(db, u.username)).map(async (u) => ({ ...u, passwordHash: await hashPassword(u.password) })),
  );
  const at = station.ctx.clock.now().toISOString();
  db.transaction(() => {
    setSetting(db, SETTINGS.servicePointName, o.servicePoint.name);
    setSetting(db, SETTINGS.divisionCode, division.value.code);
    setSetting(db, SETTINGS.terminalNo, String(o.servicePoint.terminalNo));
    if (o.catalog) insertCatalogVersion(db, o.catalog, at);
    for (const u of hashed) {
      insertUser(db, {
        id: uuidv7(),
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        passwordHash: u.passwordHash,
        disabled: false,
        createdAt: at,
        updatedAt: at,
      });
    }
    recordChange(station.ctx, {
      at,
      actorId: 'system',
      audit: {
        action: 'station_provisioned',
        entityType: 'station',
        entityId: division.value.code,
        detail: { users: hashed.map((u) => u.username), catalog: o.catalog?.version ?? null },
      },
    });
  })();
  station.ctx.catalog.reload();
}
