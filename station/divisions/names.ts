import { countyAgencyName, parentDivisionCode, reviewBodyName } from '../../core/divisions/model';
import { divisionNameMap, servicePointNames } from '../../db';
import type { StationContext } from '../context';

/**
 * Names for codes, as this terminal knows them from the feed (divisions.published, terminal.enrolled). Read
 * once per request: a terminal knows its own area only, a few hundred rows.
 */
export interface DivisionNames {
  /** 华屋村 for 360781102201; null when the platform has not sent it (the screen then shows the code). */
  name(code: string): string | null;
  /** The village's service point as its terminal was enrolled (华屋村为民服务代办点), else the village's name. */
  servicePoint(villageCode: string): string | null;
  /** The body that reviews for a village, from its township's name: 叶坪乡人民政府, 某某街道办事处. */
  reviewBody(villageCode: string): string | null;
  /** The county body that approves an item for a village (瑞金市民政部门), from the county's name. */
  countyAgency(villageCode: string, implementingAgency: string): string | null;
}

export function divisionNames(ctx: StationContext): DivisionNames {
  const names = divisionNameMap(ctx.db);
  let points: Map<string, string> | null = null;
  const name = (code: string) => names.get(code) ?? null;
  return {
    name,
    servicePoint(villageCode) {
      if (villageCode === ctx.servicePoint().divisionCode) return ctx.servicePoint().name;
      points ??= servicePointNames(ctx.db);
      return points.get(villageCode) ?? name(villageCode);
    },
    reviewBody(villageCode) {
      const township = parentDivisionCode(villageCode);
      const townshipName = township ? name(township) : null;
      return townshipName ? reviewBodyName(townshipName) : null;
    },
    countyAgency(villageCode, implementingAgency) {
      const countyName = name(`${villageCode.slice(0, 6)}000000`);
      return countyName ? countyAgencyName(countyName, implementingAgency) : null;
    },
  };
}
