import { catalogVersionSchema, type CatalogItemInput, type CatalogVersion } from '../model';
import { AGRICULTURE_ITEMS } from './agriculture';
import { CIVIL_AFFAIRS_ITEMS } from './civil-affairs';
import { DISABLED_PERSONS_ITEMS } from './disabled-persons';
import { HEALTH_ITEMS } from './health';
import { HOUSING_ITEMS } from './housing';
import { MEDICAL_SECURITY_ITEMS } from './medical-security';
import { NATURAL_RESOURCES_ITEMS } from './natural-resources';
import { PUBLIC_SECURITY_ITEMS } from './public-security';
import { SOCIAL_SECURITY_ITEMS } from './social-security';
import { VETERANS_ITEMS } from './veterans';

/**
 * The seed catalog a fresh terminal starts with, in the order the cadre sees it (grouped by department).
 * Every item goes through `catalogVersionSchema`, so defaults are applied and a malformed item fails at
 * import time rather than in front of a resident.
 */
export const SEED_ITEMS: readonly CatalogItemInput[] = [
  ...CIVIL_AFFAIRS_ITEMS,
  ...SOCIAL_SECURITY_ITEMS,
  ...MEDICAL_SECURITY_ITEMS,
  ...HEALTH_ITEMS,
  ...DISABLED_PERSONS_ITEMS,
  ...AGRICULTURE_ITEMS,
  ...NATURAL_RESOURCES_ITEMS,
  ...HOUSING_ITEMS,
  ...VETERANS_ITEMS,
  ...PUBLIC_SECURITY_ITEMS,
];

export const SEED_CATALOG_VERSION = '2026.3';

export const SEED_CATALOG: CatalogVersion = catalogVersionSchema.parse({
  version: SEED_CATALOG_VERSION,
  publishedAt: '2026-12-01T00:00:00.000Z',
  /** The demo county's thresholds; a county sets its own before publishing (docs/form-logic.md). */
  parameters: [
    {
      key: 'dibaoStandard',
      label: '农村最低生活保障标准',
      value: 700,
      unit: '元/人·月',
      basis: '示例值：以本县人民政府公布的当年农村低保标准为准',
    },
    {
      key: 'dibaoAssetMonths',
      label: '低保家庭人均金融资产上限（低保标准的倍数）',
      value: 24,
      unit: '倍',
      basis: '示例值：以本省低保家庭财产认定办法为准',
    },
  ],
  items: SEED_ITEMS,
});
