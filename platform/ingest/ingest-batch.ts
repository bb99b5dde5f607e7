import type { OutboxRequest, OutboxResult } from '../../core/sync/protocol';
import type { AccountPasswordChanged, ApplicationSubmitted, ApplicationWithdrawn } from '../../core/sync/messages';
import { publishAccount, type AccountRow } from '../admin/accounts';
import { jurisdictionPrefix } from '../auth/jurisdiction';
import type { AuthenticatedTerminal } from '../auth/signed-request';
import { appendChanges, type NewChange } from '../change-feed';
import type { PlatformContext } from '../context';
import type { Queryable } from '../database/types';
import { digestMatches, validateMessage, type OutboxInvalidCode } from './validate-message';

const CONFLICT_REASON = '同一消息编号的内容与平台已收到的不同，已留存待人工核对';
const DUPLICATE_APPLICATION_REASON = '这件申请已由另一条消息报送到平台，本条不再重复接收';
const WITHDRAW_NOT_FOUND_REASON = '平台上没有本辖区的这件申请，无法撤回';
const WITHDRAW_ILLEGAL_REASON = '这件申请已在办理中，不能再撤回';
/** Statuses a withdrawal may start from (a repeated withdrawal is harmless). */
const WITHDRAWABLE = new Set(['sent', 'withdrawn']);

interface Pending {
  index: number;
  id: string;
  sha256: string;
  kind: string;
  text: string;
}
type Submitted = Pending & { body: ApplicationSubmitted };
type Withdrawn = Pending & { body: ApplicationWithdrawn };
type PasswordChanged = Pending & { body: AccountPasswordChanged };

/** A serial per terminal: a retried batch racing its first attempt sees the first one's rows. */
function terminalLockKey(terminalId: string): string {
  return `outbox:${terminalId}`;
}

/**
 * One outbox batch, one transaction, a fixed number of set-based statements whatever its size (no round
 * trip per message). Results come back in the order of the messages.
 */
export async function ingestBatch(ctx: PlatformContext, terminal: AuthenticatedTerminal, batch: OutboxRequest): Promise<OutboxResult[]> {
  const results: (OutboxResult | undefined)[] = new Array(batch.messages.length);
  const invalid = (i: number, code: OutboxInvalidCode, reason: string) => (results[i] = { id: batch.messages[i]!.id, result: 'invalid', code, reason });
  const conflicts: { messageId: string; sha256: string; text: string }[] = [];
  const firstIndexOf = new Map<string, number>();
  const candidates: Pending[] = [];

  // 1. Digest and repeated ids inside the batch, without the database.
  batch.messages.forEach((m, index) => {
    if (!digestMatches(m)) return invalid(index, 'HASH_MISMATCH', '消息内容与其校验值（SHA-256）不符，可能在传输中损坏，平台未接收');
    const first = firstIndexOf.get(m.id);
    if (first === undefined) {
      firstIndexOf.set(m.id, index);
      candidates.push({ index, id: m.id, sha256: m.sha256, kind: m.kind, text: m.body });
    } else if (batch.messages[first]!.sha256 === m.sha256) {
      results[index] = { id: m.id, result: 'duplicate' };
    } else {
      results[index] = { id: m.id, result: 'conflict', reason: CONFLICT_REASON };
      conflicts.push({ messageId: m.id, sha256: m.sha256, text: m.body });
    }
  });

  // 2. Kind, schema and jurisdiction, still without the database (CPU work outside the transaction).
  const verdicts = new Map(candidates.map((c) => [c.index, validateMessage(batch.messages[c.index]!, terminal.divisionCode)]));

  const at = ctx.now().toISOString();
  await ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [terminalLockKey(terminal.id)]);

    // 3. Ids the platform already has: duplicate (same hash) or conflict (another hash), before anything else.
    const known = await tx.query<{ id: string; sha256: string }>('SELECT id::text AS id, sha256 FROM messages WHERE id = ANY($1::uuid[])', [
      candidates.map((c) => c.id),
    ]);
    const knownSha = new Map(known.map((k) => [k.id, k.sha256]));
    const submitted: Submitted[] = [];
    const withdrawn: Withdrawn[] = [];
    const passwords: PasswordChanged[] = [];
    for (const c of candidates) {
      const sha = knownSha.get(c.id);
      if (sha === c.sha256) {
        results[c.index] = { id: c.id, result: 'duplicate' };
        continue;
      }
      if (sha !== undefined) {
        results[c.index] = { id: c.id, result: 'conflict', reason: CONFLICT_REASON };
        conflicts.push({ messageId: c.id, sha256: c.sha256, text: c.text });
        continue;
      }
      const v = verdicts.get(c.index)!;
      if (!v.ok) invalid(c.index, v.code, v.reason);
      else if (v.kind === 'application.submitted') submitted.push({ ...c, body: v.body });
      else if (v.kind === 'account.password_changed') passwords.push({ ...c, body: v.body });
      else withdrawn.push({ ...c, body: v.body });
    }

    const accepted: Accepted = [];
    await storeSubmitted(tx, terminal, submitted, at, invalid, accepted);
    await storeWithdrawn(tx, terminal, withdrawn, at, invalid, accepted);
    await storePasswordChanges(tx, terminal, passwords, invalid, accepted);

    // 4. The accepted messages themselves, then conflicts and the change feed.
    if (accepted.length > 0) {
      await tx.query(
        `INSERT INTO messages (id, sha256, kind, body, terminal_id, division_code, batch_id, received_at)
         SELECT m.id, m.sha256, m.kind, m.body, $5, m.division_code, $6, $7
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $8::text[]) AS m(id, sha256, kind, body, division_code)
         ON CONFLICT (id) DO NOTHING`,
        [
          accepted.map((a) => a.pending.id),
          accepted.map((a) => a.pending.sha256),
          accepted.map((a) => a.pending.kind),
          accepted.map((a) => a.pending.text),
          terminal.id,
          batch.batchId,
          at,
          accepted.map((a) => a.divisionCode),
        ],
      );
      for (const a of accepted) results[a.pending.index] = { id: a.pending.id, result: 'accepted' };
    }
    if (conflicts.length > 0) {
      await tx.query(
        `INSERT INTO conflicts (message_id, terminal_id, other_sha256, body, at)
         SELECT c.id, $4, c.sha256, c.body, $5 FROM unnest($1::uuid[], $2::text[], $3::text[]) AS c(id, sha256, body)`,
        [conflicts.map((c) => c.messageId), conflicts.map((c) => c.sha256), conflicts.map((c) => c.text), terminal.id, at],
      );
    }
    await appendChanges(
      tx,
      accepted.flatMap((a) => (a.change ? [a.change] : [])),
      at,
    );
  });

  if (conflicts.length > 0) ctx.log.warn({ terminalId: terminal.id, conflicts: conflicts.map((c) => c.messageId) }, 'outbox conflicts kept for review');
  return results.map((r, i) => r ?? { id: batch.messages[i]!.id, result: 'invalid', code: 'INVALID_BODY', reason: '平台未能处理这条消息' });
}

type Invalidate = (index: number, code: OutboxInvalidCode, reason: string) => void;
type Accepted = { pending: Pending; divisionCode: string; change: NewChange | null }[];

function receivedChange(applicationId: string, receiptNo: string, divisionCode: string, status: string, at: string): NewChange {
  // fan_up: the township terminals above the village receive it (a later issue replicates the applications).
  return { kind: 'application.received', divisionCode, fanUp: true, body: { applicationId, receiptNo, status, receivedAt: at } };
}

/** application.submitted → the projection, status 'sent'. A second message for an application already there is DUPLICATE_APPLICATION. */
async function storeSubmitted(tx: Queryable, terminal: AuthenticatedTerminal, list: Submitted[], at: string, invalid: Invalidate, accepted: Accepted) {
  const firstForApplication = new Map<string, Submitted>();
  for (const s of list) {
    if (firstForApplication.has(s.body.applicationId)) invalid(s.index, 'DUPLICATE_APPLICATION', DUPLICATE_APPLICATION_REASON);
    else firstForApplication.set(s.body.applicationId, s);
  }
  const rows = [...firstForApplication.values()];
  if (rows.length === 0) return;
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO applications (id, division_code, terminal_id, receipt_no, item_code, catalog_version, status, resident_name,
                               resident_id_number, submitted_at, due_date, body, received_at, updated_at)
     SELECT a.id, a.division_code, $10, a.receipt_no, a.item_code, a.catalog_version, 'sent', a.resident_name,
            a.resident_id_number, a.submitted_at, a.due_date, a.body::jsonb, $11, $11
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::date[], $12::text[])
       AS a(id, division_code, receipt_no, item_code, catalog_version, resident_name, resident_id_number, submitted_at, due_date, body)
     ON CONFLICT (id) DO NOTHING
     RETURNING id::text AS id`,
    [
      rows.map((r) => r.body.applicationId),
      rows.map((r) => r.body.divisionCode),
      rows.map((r) => r.body.receiptNo),
      rows.map((r) => r.body.itemCode),
      rows.map((r) => r.body.catalogVersion),
      rows.map((r) => r.body.resident.name),
      rows.map((r) => r.body.resident.idNumber),
      rows.map((r) => r.body.submittedAt),
      rows.map((r) => r.body.dueDate),
      terminal.id,
      at,
      rows.map((r) => r.text),
    ],
  );
  const fresh = new Set(inserted.map((r) => r.id));
  for (const r of rows) {
    if (!fresh.has(r.body.applicationId)) {
      invalid(r.index, 'DUPLICATE_APPLICATION', DUPLICATE_APPLICATION_REASON);
      continue;
    }
    accepted.push({
      pending: r,
      divisionCode: r.body.divisionCode,
      change: receivedChange(r.body.applicationId, r.body.receiptNo, r.body.divisionCode, 'sent', at),
    });
  }
}

/** application.withdrawn → status 'withdrawn', only for an application of the terminal's jurisdiction already on the platform. */
async function storeWithdrawn(tx: Queryable, terminal: AuthenticatedTerminal, list: Withdrawn[], at: string, invalid: Invalidate, accepted: Accepted) {
  if (list.length === 0) return;
  const found = await tx.query<{ id: string; status: string; division_code: string; receipt_no: string }>(
    `SELECT id::text AS id, status, division_code, receipt_no FROM applications WHERE id = ANY($1::uuid[]) AND division_code LIKE $2 FOR UPDATE`,
    [list.map((w) => w.body.applicationId), `${jurisdictionPrefix(terminal.divisionCode)}%`],
  );
  const byId = new Map(found.map((f) => [f.id, f]));
  const ok: { w: Withdrawn; app: (typeof found)[number] }[] = [];
  for (const w of list) {
    const app = byId.get(w.body.applicationId);
    if (!app) invalid(w.index, 'NOT_FOUND', WITHDRAW_NOT_FOUND_REASON);
    else if (!WITHDRAWABLE.has(app.status)) invalid(w.index, 'ILLEGAL_TRANSITION', WITHDRAW_ILLEGAL_REASON);
    else ok.push({ w, app });
  }
  if (ok.length === 0) return;
  // The last withdrawal of an application in the batch wins; every one of them is accepted.
  const last = new Map(ok.map((o) => [o.w.body.applicationId, o.w.body]));
  await tx.query(
    `UPDATE applications a SET status = 'withdrawn', withdrawn_at = w.withdrawn_at, withdrawal_reason = w.reason, updated_at = $4
     FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS w(id, withdrawn_at, reason)
     WHERE a.id = w.id`,
    [[...last.keys()], [...last.values()].map((b) => b.withdrawnAt), [...last.values()].map((b) => b.reason), at],
  );
  for (const { w, app } of ok) {
    accepted.push({ pending: w, divisionCode: app.division_code, change: receivedChange(app.id, app.receipt_no, app.division_code, 'withdrawn', at) });
  }
}


/**
 * account.password_changed → the account's new hash, for an account of the terminal's jurisdiction; the
 * account.upsert change it writes carries the hash to the division's other terminals. Messages are applied in
 * batch order, so the newest change of a batch wins.
 */
async function storePasswordChanges(tx: Queryable, terminal: AuthenticatedTerminal, list: PasswordChanged[], invalid: Invalidate, accepted: Accepted) {
  for (const p of list) {
    const [row] = await tx.query<AccountRow>(
      `UPDATE accounts SET password_hash = $2, updated_at = $3 WHERE username = $1 AND division_code LIKE $4 RETURNING *`,
      [p.body.username, p.body.passwordHash, p.body.changedAt, `${jurisdictionPrefix(terminal.divisionCode)}%`],
    );
    if (!row) {
      invalid(p.index, 'NOT_FOUND', `平台上没有本辖区的账号“${p.body.username}”，新密码未能同步，请联系县级运维人员`);
      continue;
    }
    await publishAccount(tx, row);
    accepted.push({ pending: p, divisionCode: row.division_code, change: null });
  }
}
