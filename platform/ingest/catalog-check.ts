import { catalogVersionSchema, type CatalogVersion } from '../../core/catalog/model';
import { shanghaiDate } from '../../core/calendar';
import { applicantFacts } from '../../core/forms/logic';
import { validateForm } from '../../core/forms/validate';
import type { ApplicationSubmitted } from '../../core/sync/messages';
import type { PlatformDb, Queryable } from '../database/types';
import type { OutboxInvalidCode } from './validate-message';

/** Published catalog versions never change (platform/admin/catalog.ts), so each is read once per process. */
const cache = new WeakMap<PlatformDb, Map<string, CatalogVersion>>();

/**
 * The versions named, as far as the platform has them (one query for those not cached yet). `via` reads
 * them inside an open transaction (PGlite has one connection: a query beside the transaction would wait on it).
 */
export async function loadCatalogVersions(db: PlatformDb, versions: Iterable<string>, via: Queryable = db): Promise<Map<string, CatalogVersion>> {
  let known = cache.get(db);
  if (!known) cache.set(db, (known = new Map()));
  const missing = [...new Set(versions)].filter((v) => !known.has(v));
  if (missing.length > 0) {
    const rows = await via.query<{ version: string; body: unknown }>('SELECT version, body FROM catalog_versions WHERE version = ANY($1::text[])', [missing]);
    for (const r of rows) {
      const parsed = catalogVersionSchema.safeParse(typeof r.body === 'string' ? JSON.parse(r.body) : r.body);
      if (parsed.success) known.set(r.version, parsed.data);
    }
  }
  return known;
}

/**
 * A submission judged by the catalog the platform published: the item exists in the version it pins, and
 * its form passes the item's own rules (core/forms/validate.ts, the evaluator the terminal ran). A terminal
 * that says otherwise is not believed.
 */
export function checkSubmissionAgainstCatalog(
  catalogs: Map<string, CatalogVersion>,
  body: Pick<ApplicationSubmitted, 'itemCode' | 'catalogVersion' | 'form' | 'submittedAt' | 'resident'>,
): { code: OutboxInvalidCode; reason: string } | null {
  const catalog = catalogs.get(body.catalogVersion);
  if (!catalog) {
    return { code: 'UNKNOWN_ITEM', reason: `平台没有事项目录版本 ${body.catalogVersion}，这件申请未被接收。请升级终端程序或联系县级运维人员` };
  }
  const item = catalog.items.find((i) => i.code === body.itemCode);
  if (!item) {
    return { code: 'UNKNOWN_ITEM', reason: `事项目录 ${body.catalogVersion} 中没有编码为 ${body.itemCode} 的事项，这件申请未被接收。请联系县级运维人员` };
  }
  const today = shanghaiDate(body.submittedAt);
  const form = validateForm(item.form, body.form, { today, applicant: applicantFacts(body.resident, today) });
  if (!form.ok) {
    const first = Object.values(form.fields)[0] ?? '';
    return { code: 'FORM_INVALID', reason: `“${item.name}”的表单内容不符合要求：${first}。请核对后重新受理` };
  }
  return null;
}
