import type { CatalogItem, CatalogVersion } from '../../core/catalog/model';
import { buildCatalogIndex, searchCatalog, type CatalogIndex } from '../../core/catalog/search';
import { DaibanError } from '../../core/errors';
import { SINGLE_LEVEL, type ReviewLevels } from '../../core/review-levels';
import { listCatalogVersions, loadCatalogVersion, type StoreDb } from '../../db';

interface LoadedVersion {
  version: CatalogVersion;
  byCode: Map<string, CatalogItem>;
  index: CatalogIndex;
}

/**
 * Catalog versions held in memory: every application pins the version it was filled against, and old
 * versions stay readable, so the cache keeps all of them and serves new drafts from the latest.
 */
export class CatalogCache {
  private readonly versions = new Map<string, LoadedVersion>();
  private latestVersion: string | null = null;

  constructor(private readonly db: StoreDb) {
    this.reload();
  }

  reload(): void {
    this.versions.clear();
    const names = listCatalogVersions(this.db);
    for (const name of names) {
      const version = loadCatalogVersion(this.db, name)!;
      this.versions.set(name, {
        version,
        byCode: new Map(version.items.map((i) => [i.code, i])),
        index: buildCatalogIndex(version.items),
      });
    }
    this.latestVersion = names.at(-1) ?? null;
  }

  private loaded(version?: string): LoadedVersion {
    const name = version ?? this.latestVersion;
    const loaded = name ? this.versions.get(name) : undefined;
    if (!loaded) throw new DaibanError('NOT_FOUND', '本机还没有事项目录，请先同步或联系县级运维人员。', { version: name });
    return loaded;
  }

  latest(): CatalogVersion {
    return this.loaded().version;
  }

  item(code: string, version?: string): CatalogItem {
    const item = this.loaded(version).byCode.get(code);
    if (!item) throw new DaibanError('NOT_FOUND', `事项目录中没有编码为“${code}”的事项。`, { code, version });
    return item;
  }

  /** The item's name from the newest version that has it (an item may have left the latest catalog). */
  itemName(code: string): string {
    for (const { byCode } of [...this.versions.values()].reverse()) {
      const item = byCode.get(code);
      if (item) return item.name;
    }
    return code;
  }

  /**
   * An item's review route (core/review-levels.ts) in the version an application came under; the newest
   * version that has the item when this terminal lacks that one, and the single township level when none does.
   */
  levels(code: string, version: string): ReviewLevels {
    const pinned = this.versions.get(version)?.byCode.get(code);
    if (pinned) return pinned.levels;
    for (const { byCode } of [...this.versions.values()].reverse()) {
      const item = byCode.get(code);
      if (item) return item.levels;
    }
    return SINGLE_LEVEL;
  }

  search(query: string): CatalogItem[] {
    return searchCatalog(this.loaded().index, query, 100);
  }
}
