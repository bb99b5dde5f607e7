import type { WorkingCalendar } from '../../core/calendar';
import type { StoreDb } from '../../db';
import { fixedCalendar, storedCalendar, type LiveCalendar } from '../calendar/live-calendar';
import { CatalogCache } from '../catalog/cache';

/**
 * The one owner of the open store. A restore is the only thing that replaces it (station/backup/service.ts
 * closes the old connection, swaps the files and hands the new one here); everything else reads `db` and
 * `catalog` and `calendar` through the context, which reads them here, so nothing keeps a closed connection.
 */
export class StoreHandle {
  private current: { db: StoreDb; catalog: CatalogCache; calendar: LiveCalendar };

  /** `calendar`: a fixed one (tests); otherwise the built-in years with those the platform published. */
  constructor(
    db: StoreDb,
    private readonly givenCalendar?: WorkingCalendar,
  ) {
    this.current = this.open(db);
  }

  private open(db: StoreDb) {
    return { db, catalog: new CatalogCache(db), calendar: this.givenCalendar ? fixedCalendar(this.givenCalendar) : storedCalendar(db) };
  }

  get db(): StoreDb {
    return this.current.db;
  }

  get catalog(): CatalogCache {
    return this.current.catalog;
  }

  get calendar(): LiveCalendar {
    return this.current.calendar;
  }

  private readonly replacedListeners: (() => void)[] = [];

  /** The catalog and calendar are read afresh from the new store: a restored backup may hold other versions. */
  replace(db: StoreDb): void {
    this.current = this.open(db);
    for (const l of this.replacedListeners) l();
  }

  /** Called after every replace (the store swapped in was checked as it opened). */
  onReplaced(listener: () => void): void {
    this.replacedListeners.push(listener);
  }
}
