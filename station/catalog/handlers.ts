import type { StationParsedInput } from '../../core/api/schemas';
import type { CatalogItemSummary } from '../../core/api/views';
import type { CatalogItem } from '../../core/catalog/model';
import type { StationContext } from '../context';
import { requireUser } from '../runtime/guard';

const toSummary = (i: CatalogItem): CatalogItemSummary => ({
  code: i.code,
  name: i.name,
  department: i.department,
  type: i.type,
  promisedDays: i.promisedDays,
});

export function list(ctx: StationContext, input: StationParsedInput<'catalog.list'>): CatalogItemSummary[] {
  requireUser(ctx);
  return ctx.catalog.search(input.query ?? '').map(toSummary);
}

export function get(ctx: StationContext, input: StationParsedInput<'catalog.get'>): CatalogItem {
  requireUser(ctx);
  return ctx.catalog.item(input.code, input.version);
}
