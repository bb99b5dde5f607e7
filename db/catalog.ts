import type { Database } from 'better-sqlite3-multiple-ciphers';
import { catalogVersionSchema, type CatalogVersion } from '../core/catalog/model';
import { stmt } from './statements';

export function insertCatalogVersion(db: Database, v: CatalogVersion, receivedAt: string): void {
  stmt(
    db,
    `INSERT INTO catalog_versions (version, published_at, body, received_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (version) DO NOTHING`,
  ).run(v.version, v.publishedAt, JSON.stringify(v), receivedAt);
}

/** Versions sort as "YYYY.N"; compare numerically so 2026.10 comes after 2026.9. */
function versionKey(v: string): [number, number] {
  const [y, n] = v.split('.').map(Number);
  return [y ?? 0, n ?? 0];
}

export function listCatalogVersions(db: Database): string[] {
  const rows = stmt<[], { version: string }>(db, 'SELECT version FROM catalog_versions').all();
  return rows
    .map((r) => r.version)
    .sort((a, b) => {
      const [ay, an] = versionKey(a);
      const [by, bn] = versionKey(b);
      return ay - by || an - bn;
    });
}

export function loadCatalogVersion(db: Database, version: string): CatalogVersion | null {
  const row = stmt<[string], { body: string }>(db, 'SELECT body FROM catalog_versions WHERE version = ?').get(version);
  return row ? catalogVersionSchema.parse(JSON.parse(row.body)) : null;
}
