import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { heartbeatRequestSchema, LIMITS } from '../../core/sync/protocol';
import { terminalOf } from '../auth/signed-request';
import { readJsonBody } from '../body';
import type { PlatformContext } from '../context';

/**
 * The fleet view's data. Also watches the terminal's audit chain: entries cut off its end (the head's seq
 * goes back, or the same seq comes with another hash) cannot be seen on the terminal alone, so the platform
 * raises audit_alert and keeps it raised.
 */
export function registerHeartbeat(app: FastifyInstance, ctx: PlatformContext, signed: preHandlerHookHandler): void {
  app.post('/v1/heartbeat', { bodyLimit: LIMITS.requestBodyBytes, preHandler: signed }, async (request) => {
    const terminal = terminalOf(request);
    const hb = await readJsonBody(request, heartbeatRequestSchema);
    const now = ctx.now().toISOString();
    const alert = await ctx.db.transaction(async (tx) => {
      const [prev] = await tx.query<{ seq: string | null; hash: string | null }>(
        'SELECT audit_head_seq::text AS seq, audit_head_hash AS hash FROM terminals WHERE id = $1 FOR UPDATE',
        [terminal.id],
      );
      const prevSeq = prev?.seq === null || prev?.seq === undefined ? null : Number(prev.seq);
      const head = hb.auditHead;
      const cut =
        prevSeq !== null && (head === null || head.seq < prevSeq || (head.seq === prevSeq && head.hash !== prev!.hash));
      await tx.query(
        `UPDATE terminals SET app_version = $2, queue_depth = $3, invalid_count = $4, last_sync_at = $5, free_disk_bytes = $6,
           audit_head_seq = $7, audit_head_hash = $8, audit_alert = audit_alert OR $9, last_seen_at = $10
         WHERE id = $1`,
        [terminal.id, hb.appVersion, hb.queueDepth, hb.invalidCount, hb.lastSyncAt, hb.freeDiskBytes, head?.seq ?? null, head?.hash ?? null, cut, now],
      );
      return cut ? { previous: { seq: prevSeq, hash: prev!.hash }, reported: head } : null;
    });
    if (alert) ctx.log.warn({ terminalId: terminal.id, ...alert }, 'audit log of a terminal lost entries at its end');
    return { serverTime: now };
  });
}
