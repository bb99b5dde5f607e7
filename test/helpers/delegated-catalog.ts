import { catalogVersionSchema, type CatalogVersion } from '../../core/catalog/model';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { SINGLE_LEVEL } from '../../core/review-levels';

/**
 * A county that entrusted the confirmation of 低保 and 特困 to its townships (民发〔2021〕57号 lets a county's
 * civil-affairs department do so): the seed catalog with every item on the single township level, published
 * as a newer version. The tests of the township's own decisions (final once synced, the supplement round,
 * completion) run on it; multi-level review has its own (test/integration/multi-level-review.test.ts).
 */
export const DELEGATED_CATALOG: CatalogVersion = catalogVersionSchema.parse({
  ...SEED_CATALOG,
  version: `${SEED_CATALOG.version.split('.')[0]}.90`,
  items: SEED_CATALOG.items.map((i) => ({ ...i, levels: SINGLE_LEVEL })),
});
