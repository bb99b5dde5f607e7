import type { FastifyInstance } from 'fastify';
import { ADMIN_PREFIX } from '../../core/admin/api';
import type { PlatformContext } from '../context';
import { createDiagnosticsAdmin } from '../diagnostics';
import { createReleaseAdmin } from '../releases';
import { registerAccountRoutes } from './account-routes';
import { registerCatalogRoutes } from './catalog-routes';
import { registerDiagnosticsRoutes } from './diagnostics-routes';
import { registerFleetRoutes } from './fleet-routes';
import { registerReleaseRoutes } from './release-routes';
import { registerSessionRoutes } from './session-routes';
import { createAdminAuth } from './sessions';

/**
 * The IT administration API (`/admin/v1/…`, core/admin/api.ts) behind an IT account's bearer session:
 * the fleet, accounts and enrollment codes of the account's division; catalog and releases province-wide.
 * Answers carry passwords and tokens, so nothing is cached.
 */
export function registerAdminApi(app: FastifyInstance, ctx: PlatformContext): void {
  const auth = createAdminAuth(ctx);
  const releases = createReleaseAdmin(ctx);
  const diagnostics = createDiagnosticsAdmin(ctx);
  app.register(
    async (scope) => {
      scope.addHook('onSend', async (_request, reply, payload) => {
        reply.header('cache-control', 'no-store');
        return payload;
      });
      registerSessionRoutes(scope, ctx, auth);
      registerFleetRoutes(scope, ctx, auth);
      registerAccountRoutes(scope, ctx, auth);
      registerCatalogRoutes(scope, ctx, auth);
      registerReleaseRoutes(scope, ctx, auth, releases);
      registerDiagnosticsRoutes(scope, ctx, auth, diagnostics);
    },
    { prefix: ADMIN_PREFIX },
  );
}
