import { createHash } from 'node:crypto';
import { auditCanonical, type AuditFindingKind } from '../../core/sync/audit';
import type { Queryable } from '../database/types';
import type { IngestScope, Valid } from './scope';

/** Records what was found (once per terminal, kind and seq) and raises the terminal's audit alert. */
export async function recordAuditFinding(tx: Queryable, terminalId: string, kind: AuditFindingKind, seq: number, detail: string, at: string): Promise<void> {
  await tx.query(
    `INSERT INTO audit_findings (terminal_id, kind, seq, detail, found_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (terminal_id, kind, seq) DO NOTHING`,
    [terminalId, kind, seq, detail, at],
  );
  await tx.query('UPDATE terminals SET audit_alert = true WHERE id = $1', [terminalId]);
}

/**
 * audit.entry → the terminal's chain on the platform. Each entry's hash must match its content and link to
 * the entry before it as the platform has it. An entry for a seq the platform holds with another hash is a
 * rewrite; a seq beyond the next one is a gap. Whatever is found is recorded and the message is accepted
 * (the terminal moves on; people look at the findings). Entries come in seq order, one batch at a time.
 */
export async function storeAuditEntry(scope: IngestScope, m: Valid<'audit.entry'>): Promise<void> {
  const e = m.body;
  const { tx, terminal, at } = scope;
  const { hash, ...rest } = e;
  if (createHash('sha256').update(auditCanonical(rest)).digest('hex') !== hash) {
    await recordAuditFinding(tx, terminal.id, 'bad_hash', e.seq, `第${e.seq}条审计记录的校验值与内容不符`, at);
    return scope.accept(m, terminal.divisionCode, []);
  }
  const [held] = await tx.query<{ hash: string }>('SELECT hash FROM audit_entries WHERE terminal_id = $1 AND seq = $2', [terminal.id, e.seq]);
  if (held) {
    if (held.hash !== hash) await recordAuditFinding(tx, terminal.id, 'rewrite', e.seq, `第${e.seq}条审计记录已上报过，现在的内容与上报时不同`, at);
    return scope.accept(m, terminal.divisionCode, []);
  }
  const [last] = await tx.query<{ seq_text: string; hash: string }>(
    // Ordered by the bigint column, not by its text (where '9' sorts after '10').
    'SELECT seq::text AS seq_text, hash FROM audit_entries WHERE terminal_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT 1',
    [terminal.id, e.seq],
  );
  const lastSeq = last ? Number(last.seq_text) : 0;
  if (e.seq > lastSeq + 1) {
    await recordAuditFinding(tx, terminal.id, 'gap', e.seq, `第${lastSeq + 1}至${e.seq - 1}条审计记录缺失`, at);
  } else if (last && last.hash !== e.prevHash) {
    await recordAuditFinding(tx, terminal.id, 'rewrite', e.seq - 1, `第${e.seq}条审计记录与平台保存的第${e.seq - 1}条接不上（之前的记录被改写）`, at);
  }
  await tx.query(
    `INSERT INTO audit_entries (terminal_id, seq, hash, prev_hash, at, action, body, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [terminal.id, e.seq, hash, e.prevHash, e.at, e.action, m.text, at],
  );
  scope.accept(m, terminal.divisionCode, []);
}

/**
 * The heartbeat's head against the chain the platform holds: a head behind the platform's newest entry is a
 * truncated tail; a head whose seq the platform holds with another hash is a rewrite.
 */
export async function checkAuditHead(tx: Queryable, terminalId: string, head: { seq: number; hash: string } | null, at: string): Promise<boolean> {
  const [max] = await tx.query<{ seq: string | null }>('SELECT max(seq)::text AS seq FROM audit_entries WHERE terminal_id = $1', [terminalId]);
  const maxSeq = max?.seq ? Number(max.seq) : 0;
  const headSeq = head?.seq ?? 0;
  let found = false;
  if (headSeq < maxSeq) {
    await recordAuditFinding(tx, terminalId, 'truncated', headSeq + 1, `终端审计日志只到第${headSeq}条，平台已收到第${maxSeq}条`, at);
    found = true;
  }
  if (head && head.seq <= maxSeq) {
    const [held] = await tx.query<{ hash: string }>('SELECT hash FROM audit_entries WHERE terminal_id = $1 AND seq = $2', [terminalId, head.seq]);
    if (held && held.hash !== head.hash) {
      await recordAuditFinding(tx, terminalId, 'rewrite', head.seq, `终端第${head.seq}条审计记录与平台收到的不同`, at);
      found = true;
    }
  }
  return found;
}
