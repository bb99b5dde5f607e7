import { SINGLE_LEVEL, type ReviewLevels } from '../../core/review-levels';
import type { PlatformDb, Queryable } from '../database/types';
import { loadCatalogVersions } from '../ingest/catalog-check';

/**
 * An application's review route: its item's levels in the catalog version it was submitted under (versions
 * never change once published, so the route is fixed at submission). A version or item the platform lacks
 * cannot happen for an accepted submission; it reads as the single township level.
 */
export async function applicationLevels(db: PlatformDb, via: Queryable, app: { catalog_version: string; item_code: string }): Promise<ReviewLevels> {
  const catalogs = await loadCatalogVersions(db, [app.catalog_version], via);
  return catalogs.get(app.catalog_version)?.items.find((i) => i.code === app.item_code)?.levels ?? SINGLE_LEVEL;
}
