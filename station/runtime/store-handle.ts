import type { StoreDb } from '../../db';
import { CatalogCache } from '../catalog/cache';

/**
 * The one owner of the open store. A restore is the only thing that replaces it (station/backup/service.ts
 * closes the old connection, swaps the files and hands the new one here); everything else reads `db` and
 * `catalog` through the context, which reads them here, so nothing keeps a closed connection.
 */
export class StoreHandle {
  private current: { db: StoreDb; catalog: CatalogCache };

  constructor(db: StoreDb) {
    this.current = { db, catalog: new CatalogCache(db) };
  }

  get db(): StoreDb {
    return this.current.db;
  }

  get catalog(): CatalogCache {
    return this.current.catalog;
  }

  /** The catalog is read afresh from the new store: a restored backup may hold another catalog version. */
  replace(db: StoreDb): void {
    this.current = { db, catalog: new CatalogCache(db) };
  }
}
