import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { channelSchema, stagingSchema, terminalChannelSchema, type ReleaseView } from '../../core/admin/api';
import type { PlatformContext } from '../context';
import { invalidInput } from '../errors';
import type { ReleaseAdmin } from '../releases';
import { recordAdminAction } from './audit';
import { readAdminBody } from './body';
import { assertTerminalWithin } from './jurisdiction';
import { actorOfRequest } from './sessions';

type IdParams = { Params: { id: string } };

/**
 * Releases are province-wide (one build for every county): any IT account may list, pause, resume, roll back
 * and stage them. Putting a terminal on a channel is limited to the IT account's own terminals.
 */
export function registerReleaseRoutes(app: FastifyInstance, ctx: PlatformContext, auth: preHandlerHookHandler, releases: ReleaseAdmin): void {
  app.get('/releases', { preHandler: auth }, async (request): Promise<ReleaseView[]> => {
    const channel = (request.query as Record<string, unknown> | undefined)?.channel;
    if (channel === undefined) return releases.list();
    const parsed = channelSchema.safeParse(channel);
    if (!parsed.success) throw invalidInput('更新通道名称只能用小写字母、数字和连字符');
    return releases.list(parsed.data);
  });

  for (const action of ['pause', 'resume', 'rollback'] as const) {
    app.post<IdParams>(`/releases/:id/${action}`, { preHandler: auth }, async (request): Promise<ReleaseView> => {
      const actor = actorOfRequest(request);
      const release = await releases[action](request.params.id);
      await recordAdminAction(ctx, actor, `release.${action}`, release.id, { channel: release.channel, version: release.version });
      return release;
    });
  }

  app.put<IdParams>('/releases/:id/staging', { preHandler: auth }, async (request): Promise<ReleaseView> => {
    const actor = actorOfRequest(request);
    const body = readAdminBody(request, stagingSchema);
    const release = await releases.setStaging(request.params.id, body);
    await recordAdminAction(ctx, actor, 'release.staging', release.id, { percentage: body.percentage, divisions: body.divisions });
    return release;
  });

  app.put<IdParams>('/terminals/:id/channel', { preHandler: auth }, async (request, reply) => {
    const actor = actorOfRequest(request);
    const body = readAdminBody(request, terminalChannelSchema);
    await assertTerminalWithin(ctx, actor, request.params.id);
    await releases.setTerminalChannel(request.params.id, body.channel);
    await recordAdminAction(ctx, actor, 'terminal.channel', request.params.id, { channel: body.channel });
    return reply.code(204).send();
  });
}
