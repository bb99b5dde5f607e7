import { catalogVersionSchema, type CatalogVersion } from '../../core/catalog/model';
import { NATIONWIDE } from '../auth/jurisdiction';
import { appendChanges } from '../change-feed';
import type { PlatformContext } from '../context';
import { invalidInput, parseOrRefuse } from '../errors';
import { sha256Hex } from '../../base/node/digest';

export interface PublishCatalogResult {
  version: string;
  /** False when this exact version was already published (a no-op). */
  published: boolean;
  items: number;
}

/**
 * Publishes a catalog version to every terminal. Versions are immutable: the same version again is a
 * no-op, another body under a published version is refused (applications pin the version they were filled against).
 */
export async function publishCatalog(ctx: PlatformContext, catalog: CatalogVersion | unknown): Promise<PublishCatalogResult> {
  const value = parseOrRefuse(catalogVersionSchema, catalog, '事项目录');
  const text = JSON.stringify(value);
  const sha = sha256Hex(text);
  const at = ctx.now().toISOString();
  return ctx.db.transaction(async (tx) => {
    const existing = await tx.query<{ body_sha256: string }>('SELECT body_sha256 FROM catalog_versions WHERE version = $1 FOR UPDATE', [value.version]);
    if (existing[0]) {
      if (existing[0].body_sha256 === sha) return { version: value.version, published: false, items: value.items.length };
      throw invalidInput(`事项目录版本 ${value.version} 已发布过且内容不同；已发布的版本不能修改，请使用新的版本号`);
    }
    await tx.query('INSERT INTO catalog_versions (version, body, body_sha256, published_at) VALUES ($1, $2::jsonb, $3, $4)', [value.version, text, sha, at]);
    await appendChanges(tx, [{ kind: 'catalog.published', divisionCode: NATIONWIDE, fanUp: false, body: { catalog: value } }], at);
    ctx.log.info({ version: value.version, items: value.items.length }, 'catalog published');
    return { version: value.version, published: true, items: value.items.length };
  });
}
