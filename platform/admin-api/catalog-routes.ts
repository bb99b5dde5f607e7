import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { publishCatalogSchema, type CatalogPublishView } from '../../core/admin/api';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { publishCatalog } from '../admin/catalog';
import type { PlatformContext } from '../context';
import { recordAdminAction } from './audit';
import { readAdminBody } from './body';
import { actorOfRequest } from './sessions';

/** The catalog is the province's: any IT account may publish a version (versions are immutable anyway). */
export function registerCatalogRoutes(app: FastifyInstance, ctx: PlatformContext, auth: preHandlerHookHandler): void {
  app.post('/catalog', { preHandler: auth }, async (request): Promise<CatalogPublishView> => {
    const actor = actorOfRequest(request);
    const body = readAdminBody(request, publishCatalogSchema);
    const r = await publishCatalog(ctx, 'seed' in body ? SEED_CATALOG : body.catalog);
    if (r.published) await recordAdminAction(ctx, actor, 'catalog.publish', r.version, { items: r.items });
    return { version: r.version, items: r.items, published: r.published };
  });
}
