import type { FastifyInstance } from 'fastify';
import { heartbeatRequestSchema, LIMITS } from '../../core/sync/protocol';
import { terminalOf } from '../auth/signed-request';
import { readJsonBody } from '../body';
import type { PlatformContext } from '../context';
import { diagnosticsRequested } from '../diagnostics';
import { checkAuditHead, recordAuditFinding } from '../ingest/store-audit';

/**
 * The fleet view's data. Also watches the terminal's audit chain: entries cut off its end (the head's seq
 * goes back, or the same seq comes with another hash) cannot be seen on the terminal alone, so the platform
 * compares the head with the last one reported and with the chain it holds (platform/ingest/store-audit.ts),
 * records what it finds and raises audit_alert, which stays raised.
 */
export function registerHeartbeat(app: FastifyInstance, ctx: PlatformContext): void {
  app.post('/v1/heartbeat', { bodyLimit: LIMITS.requestBodyBytes }, async (request) => {
    const terminal = terminalOf(request);
    const hb = await readJsonBody(request, heartbeatRequestSchema);
    const receivedAt = ctx.now();
    const now = receivedAt.toISOString();
    // The terminal's own clock against ours (the request's transit, well under a second, is in it too).
    const clockSkewMs = hb.deviceTime === undefined ? null : Date.parse(hb.deviceTime) - receivedAt.getTime();
    const alert = await ctx.db.transaction(async (tx) => {
      const [prev] = await tx.query<{ seq: string | null; hash: string | null }>(
        'SELECT audit_head_seq::text AS seq, audit_head_hash AS hash FROM terminals WHERE id = $1 FOR UPDATE',
        [terminal.id],
      );
      const prevSeq = prev?.seq === null || prev?.seq === undefined ? null : Number(prev.seq);
      const head = hb.auditHead;
      const cut = prevSeq !== null && (head === null || head.seq < prevSeq || (head.seq === prevSeq && head.hash !== prev!.hash));
      if (cut) {
        const kind = head !== null && head.seq === prevSeq ? 'rewrite' : 'truncated';
        await recordAuditFinding(
          tx,
          terminal.id,
          kind,
          (head?.seq ?? 0) + (kind === 'truncated' ? 1 : 0),
          `终端审计日志的末尾与上次报告的不同（上次第${prevSeq}条）`,
          now,
        );
      }
      const found = await checkAuditHead(tx, terminal.id, head, now);
      await tx.query(
        `UPDATE terminals SET app_version = $2, queue_depth = $3, invalid_count = $4, last_sync_at = $5, free_disk_bytes = $6,
           audit_head_seq = $7, audit_head_hash = $8, audit_alert = audit_alert OR $9, last_seen_at = $10,
           clock_skew_ms = $11, store_notice = $12::jsonb
         WHERE id = $1`,
        [
          terminal.id,
          hb.appVersion,
          hb.queueDepth,
          hb.invalidCount,
          hb.lastSyncAt,
          hb.freeDiskBytes,
          head?.seq ?? null,
          head?.hash ?? null,
          cut || found,
          now,
          clockSkewMs,
          hb.storeNotice ? JSON.stringify(hb.storeNotice) : null,
        ],
      );
      return cut || found ? { previous: { seq: prevSeq, hash: prev!.hash }, reported: head } : null;
    });
    if (alert) ctx.log.warn({ terminalId: terminal.id, ...alert }, 'audit log of a terminal lost entries at its end');
    // Additive: an older terminal ignores the field; a newer one sends its bundle to /v1/diagnostics.
    return (await diagnosticsRequested(ctx.db, terminal.id)) ? { serverTime: now, diagnosticsRequested: true } : { serverTime: now };
  });
}
