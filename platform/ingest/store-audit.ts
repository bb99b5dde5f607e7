import { sha256Hex } from '../../base/node/digest';
import { expandAuditRun, type AuditFindingKind } from '../../core/sync/audit';
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
 * audit.entries → the terminal's chain on the platform. The run's hashes are recomputed from its previous
 * hash and must arrive at its head hash (else `bad_hash`: the content is not what the terminal hashed). Its
 * previous hash must be the hash the platform holds for the entry before it (else `rewrite`: an earlier entry
 * was changed); a run that starts past the next entry the platform expects shows a `gap`; an entry the
 * platform holds with another hash is a `rewrite`. Whatever is found is recorded and the message accepted
 * (the terminal moves on; people look at the findings). Runs come in seq order.
 */
export async function storeAuditRun(scope: IngestScope, m: Valid<'audit.entries'>): Promise<void> {
  const run = m.body;
  const { tx, terminal, at } = scope;
  const entries = expandAuditRun(run, sha256Hex);
  const from = run.fromSeq;
  const to = entries.at(-1)!.seq;
  if (entries.at(-1)!.hash !== run.headHash) {
    await recordAuditFinding(tx, terminal.id, 'bad_hash', to, `第${from}至${to}条审计记录的内容与终端记下的校验值不符`, at);
    return scope.accept(m, terminal.divisionCode, []);
  }
  const held = new Map(
    (
      await tx.query<{ seq: number; hash: string }>('SELECT seq::int AS seq, hash FROM audit_entries WHERE terminal_id = $1 AND seq BETWEEN $2 AND $3', [
        terminal.id,
        from - 1,
        to,
      ])
    ).map((r) => [r.seq, r.hash]),
  );
  if (from > 1) {
    const before = held.get(from - 1);
    if (before === undefined) {
      const [below] = await tx.query<{ n: number | null }>('SELECT max(seq)::int AS n FROM audit_entries WHERE terminal_id = $1 AND seq < $2', [
        terminal.id,
        from,
      ]);
      const lastSeq = below?.n ?? 0;
      if (from > lastSeq + 1) await recordAuditFinding(tx, terminal.id, 'gap', from, `第${lastSeq + 1}至${from - 1}条审计记录缺失`, at);
    } else if (before !== run.prevHash) {
      await recordAuditFinding(tx, terminal.id, 'rewrite', from - 1, `第${from}条审计记录与平台保存的第${from - 1}条接不上（之前的记录被改写）`, at);
    }
  }
  const changed = entries.find((e) => held.has(e.seq) && held.get(e.seq) !== e.hash);
  if (changed) await recordAuditFinding(tx, terminal.id, 'rewrite', changed.seq, `第${changed.seq}条审计记录已上报过，现在的内容与上报时不同`, at);
  const fresh = entries.filter((e) => !held.has(e.seq));
  if (fresh.length > 0) {
    await tx.query(
      `INSERT INTO audit_entries (terminal_id, seq, hash, prev_hash, at, action, body, received_at)
       SELECT $1, e.seq, e.hash, e.prev_hash, e.at, e.action, e.body, $8
       FROM unnest($2::bigint[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[]) AS e(seq, hash, prev_hash, at, action, body)
       ON CONFLICT (terminal_id, seq) DO NOTHING`,
      [
        terminal.id,
        fresh.map((e) => e.seq),
        fresh.map((e) => e.hash),
        fresh.map((e) => e.prevHash),
        fresh.map((e) => e.at),
        fresh.map((e) => e.action),
        fresh.map((e) => JSON.stringify([e.actorId, e.entityType, e.entityId, e.detail])),
        at,
      ],
    );
  }
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
