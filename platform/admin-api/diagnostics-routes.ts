import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { DiagnosticsRequestView } from '../../core/admin/api';
import type { PlatformContext } from '../context';
import type { DiagnosticsAdmin } from '../diagnostics';
import { notFound } from '../errors';
import { recordAdminAction } from './audit';
import { assertTerminalWithin } from './jurisdiction';
import { actorOfRequest } from './sessions';

type IdParams = { Params: { id: string } };

/** Asking a terminal of the actor's division for a diagnostics bundle, and reading the newest one. */
export function registerDiagnosticsRoutes(app: FastifyInstance, ctx: PlatformContext, auth: preHandlerHookHandler, diagnostics: DiagnosticsAdmin): void {
  app.post<IdParams>('/terminals/:id/diagnostics', { preHandler: auth }, async (request): Promise<DiagnosticsRequestView> => {
    const actor = actorOfRequest(request);
    await assertTerminalWithin(ctx, actor, request.params.id);
    const requested = await diagnostics.request(request.params.id);
    await recordAdminAction(ctx, actor, 'diagnostics.request', request.params.id);
    return requested;
  });

  app.get<IdParams>('/terminals/:id/diagnostics', { preHandler: auth }, async (request) => {
    const actor = actorOfRequest(request);
    await assertTerminalWithin(ctx, actor, request.params.id);
    const latest = await diagnostics.latest(request.params.id);
    if (!latest) throw notFound('该终端还没有上传过诊断包');
    await recordAdminAction(ctx, actor, 'diagnostics.read', request.params.id, { receivedAt: latest.receivedAt });
    return latest;
  });
}
