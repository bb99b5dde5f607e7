import { basename, join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformContext } from '../context';
import { notFound } from '../errors';
import { releaseDirOf } from '../releases';
import { feedForTerminal, feedPlatform } from '../releases/feed';
import { loadReleases } from '../releases/rows';
import { sendReleaseFile } from '../releases/serve-file';
import { channelDir } from '../releases/store';
import { isUuid } from '../releases/validate';

/**
 * The update feed and release files electron-updater fetches (`GET /updates/:terminalId/:file`): the generic
 * provider's base URL is `<platform>/updates/<terminal id>/`. Unsigned on purpose (electron-updater cannot
 * sign); installers are not secret, and each is checked against the sha512 in the feed before it is used.
 */

interface TerminalRow {
  division_code: string;
  disabled: boolean;
  update_channel: string;
  [key: string]: unknown;
}

const SAFE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$/;
const NO_TERMINAL = '平台没有这台终端的更新信息，请确认终端已注册且未停用';

async function terminalOf(ctx: PlatformContext, id: string): Promise<TerminalRow> {
  if (!isUuid(id)) throw notFound(NO_TERMINAL);
  const [row] = await ctx.db.query<TerminalRow>('SELECT division_code, disabled, update_channel FROM terminals WHERE id = $1', [id]);
  if (!row || row.disabled) throw notFound(NO_TERMINAL);
  return row;
}

/** A stored installer or .blockmap of any release of the channel, old ones included (differential updates). */
async function storedFile(ctx: PlatformContext, channel: string, name: string): Promise<{ etag: string } | null> {
  const [row] = await ctx.db.query<{ sha512: string }>(
    `SELECT rf.sha512 FROM release_files rf JOIN releases r ON r.id = rf.release_id WHERE r.channel = $1 AND rf.name = $2
     UNION ALL
     SELECT rf.blockmap_sha512 FROM release_files rf JOIN releases r ON r.id = rf.release_id WHERE r.channel = $1 AND rf.blockmap_name = $2
     LIMIT 1`,
    [channel, name],
  );
  return row ? { etag: `"${row.sha512}"` } : null;
}

export function registerUpdates(app: FastifyInstance, ctx: PlatformContext): void {
  app.route({
    method: ['GET', 'HEAD'],
    url: '/updates/:terminalId/:file',
    exposeHeadRoute: false,
    handler: async (request: FastifyRequest<{ Params: { terminalId: string; file: string } }>, reply) => {
      const { terminalId, file } = request.params;
      // Release files are plain ASCII names (daiban-1.1.0-win-x64.exe); a NUL or a slash never reaches the database.
      if (!SAFE_FILE_NAME.test(file)) throw notFound('平台上找不到这个更新文件');
      const terminal = await terminalOf(ctx, terminalId);
      const platform = feedPlatform(file);
      if (platform) {
        const yaml = feedForTerminal(await loadReleases(ctx.db, { channel: terminal.update_channel }), platform, terminal.division_code);
        if (yaml === null) throw notFound(`更新通道 ${terminal.update_channel} 暂无适用于该系统的版本`);
        reply.header('content-type', 'text/yaml; charset=utf-8').header('cache-control', 'no-store');
        const body = Buffer.from(yaml, 'utf8');
        reply.header('content-length', body.length);
        return request.method === 'HEAD' ? reply.send() : reply.send(body);
      }
      // Only names the store recorded are served: nothing a request spells can reach another path.
      const stored = file === basename(file) ? await storedFile(ctx, terminal.update_channel, file) : null;
      if (!stored) throw notFound('平台上找不到这个更新文件');
      return sendReleaseFile(request, reply, join(channelDir(releaseDirOf(ctx), terminal.update_channel), file), stored.etag);
    },
  });
}
