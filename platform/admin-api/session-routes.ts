import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { adminLoginSchema, type AdminSessionView } from '../../core/admin/api';
import type { PlatformContext } from '../context';
import { recordAdminAction } from './audit';
import { readAdminBody } from './body';
import { createLoginThrottle } from './login-throttle';
import { actorOfRequest, closeAdminSession, openAdminSession } from './sessions';

export function registerSessionRoutes(app: FastifyInstance, ctx: PlatformContext, auth: preHandlerHookHandler): void {
  const throttle = createLoginThrottle(ctx.db, ctx.now);
  app.post('/session', async (request): Promise<AdminSessionView> => {
    const body = readAdminBody(request, adminLoginSchema);
    const { session, actor } = await openAdminSession(ctx, throttle, body.username, body.password, request.ip);
    await recordAdminAction(ctx, actor, 'session.open', actor.username, { expiresAt: session.expiresAt });
    return session;
  });

  app.delete('/session', { preHandler: auth }, async (request, reply) => {
    const actor = actorOfRequest(request);
    await closeAdminSession(ctx, request);
    await recordAdminAction(ctx, actor, 'session.close', actor.username);
    return reply.code(204).send();
  });
}
