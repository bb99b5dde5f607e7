import type { OutboxRequest, OutboxResult } from '../../core/sync/protocol';
import { mapInTurns } from '../../base/node/event-loop';
import type { AuthenticatedTerminal } from '../auth/signed-request';
import { appendChanges, type NewChange } from '../change-feed';
import type { PlatformContext } from '../context';
import type { IngestScope, Pending, Valid } from './scope';
import { checkSubmissionAgainstCatalog, loadCatalogVersions } from './catalog-check';
import { storeAuditRun } from './store-audit';
import { storeDecided } from './store-decided';
import { storeHandoverConfirmed, storeHandoverListed } from './store-handover';
import { storePasswordChanged } from './store-passwords';
import { storeResidentSaved } from './store-residents';
import { storeSubmitted } from './store-submitted';
import { storeFollowedUp } from '../ratings/store-followed-up';
import { storeRated } from '../ratings/store-rated';
import { storeCompleted, storeSupplemented, storeWithdrawn } from './store-village-updates';
import { messageDigest, validateMessage, type OutboxInvalidCode, type ValidMessage } from './validate-message';

const CONFLICT_REASON = '同一消息编号的内容与平台已收到的不同，已留存待人工核对';
const UNSTORABLE_REASON = '平台无法保存这条记录（内容中可能有无法识别的字符），其他记录不受影响。请核对该申请的内容后重新办理，或联系县级运维人员';

type Followup = Pending & { verdict: Exclude<ValidMessage, { kind: 'application.submitted' }> };

/** A serial per terminal: a retried batch racing its first attempt sees the first one's rows. */
function terminalLockKey(terminalId: string): string {
  return `outbox:${terminalId}`;
}

/** The store function of every kind but application.submitted, which goes the set-based way. */
async function storeFollowup(scope: IngestScope, f: Followup): Promise<void> {
  const v = f.verdict;
  switch (v.kind) {
    case 'application.withdrawn':
      return storeWithdrawn(scope, { ...f, body: v.body });
    case 'application.supplemented':
      return storeSupplemented(scope, { ...f, body: v.body });
    case 'application.completed':
      return storeCompleted(scope, { ...f, body: v.body });
    case 'review.decided':
      return storeDecided(scope, { ...f, body: v.body });
    case 'handover.listed':
      return storeHandoverListed(scope, { ...f, body: v.body });
    case 'handover.confirmed':
      return storeHandoverConfirmed(scope, { ...f, body: v.body });
    case 'account.password_changed':
      return storePasswordChanged(scope, { ...f, body: v.body });
    case 'audit.entries':
      return storeAuditRun(scope, { ...f, body: v.body });
    case 'service.rated':
      return storeRated(scope, { ...f, body: v.body });
    case 'rating.followed_up':
      return storeFollowedUp(scope, { ...f, body: v.body });
    case 'resident.saved':
    case 'household.saved':
      return storeResidentSaved(scope, { ...f, kind: v.kind, body: v.body } as Valid<'resident.saved'> | Valid<'household.saved'>);
    default: {
      const never: never = v;
      throw new Error(`no store function for ${(never as { kind: string }).kind}`);
    }
  }
}

/**
 * One outbox batch, one transaction. Submissions (nearly all traffic) are written by a fixed number of
 * set-based statements whatever the batch size; the other kinds are rare and are judged one at a time in
 * batch order after them, so a batch's own submissions are there for its later messages. Results come back
 * in the order of the messages.
 */
export async function ingestBatch(ctx: PlatformContext, terminal: AuthenticatedTerminal, batch: OutboxRequest): Promise<OutboxResult[]> {
  const results: (OutboxResult | undefined)[] = new Array(batch.messages.length);
  const invalid = (i: number, code: OutboxInvalidCode, reason: string) => (results[i] = { id: batch.messages[i]!.id, result: 'invalid', code, reason });
  const conflicts: { messageId: string; sha256: string; text: string }[] = [];
  const firstIndexOf = new Map<string, number>();
  const candidates: Pending[] = [];

  // 1. Digest and repeated ids inside the batch, without the database.
  const digests: (string | null)[] = batch.messages.map(messageDigest);
  batch.messages.forEach((m, index) => {
    const sha256 = digests[index];
    if (!sha256) return invalid(index, 'HASH_MISMATCH', '消息内容与其校验值（SHA-256）不符，可能在传输中损坏，平台未接收');
    const first = firstIndexOf.get(m.id);
    if (first === undefined) {
      firstIndexOf.set(m.id, index);
      candidates.push({ index, id: m.id, sha256, kind: m.kind, text: m.body });
    } else if (digests[first] === sha256) {
      results[index] = { id: m.id, result: 'duplicate' };
    } else {
      results[index] = { id: m.id, result: 'conflict', reason: CONFLICT_REASON };
      conflicts.push({ messageId: m.id, sha256, text: m.body });
    }
  });

  // 2. Kind, schema, role and the body's jurisdiction, still without the database (CPU work outside the
  // transaction); then each submission against the catalog the platform published.
  const verdicts = new Map(await mapInTurns(candidates, (c) => [c.index, validateMessage(batch.messages[c.index]!, terminal)] as const));
  const submissions = [...verdicts].flatMap(([index, v]) => (v.ok && v.kind === 'application.submitted' ? [{ index, body: v.body }] : []));
  if (submissions.length > 0) {
    const catalogs = await loadCatalogVersions(
      ctx.db,
      submissions.map((s) => s.body.catalogVersion),
    );
    await mapInTurns(submissions, (s) => {
      const refusal = checkSubmissionAgainstCatalog(catalogs, s.body);
      if (refusal) verdicts.set(s.index, { ok: false, ...refusal });
    });
  }

  const at = ctx.now().toISOString();
  await ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [terminalLockKey(terminal.id)]);

    // 3. Ids the platform already has: duplicate (same hash) or conflict (another hash), before anything else.
    const known = await tx.query<{ id: string; sha256: string }>('SELECT id::text AS id, sha256 FROM messages WHERE id = ANY($1::uuid[])', [
      candidates.map((c) => c.id),
    ]);
    const knownSha = new Map(known.map((k) => [k.id, k.sha256]));
    const submitted: Valid<'application.submitted'>[] = [];
    const followups: Followup[] = [];
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
      else followups.push({ ...c, verdict: v });
    }

    const accepted: { pending: Pending; divisionCode: string }[] = [];
    const changes: NewChange[] = [];
    const scope: IngestScope = {
      tx,
      db: ctx.db,
      terminal,
      at,
      invalid,
      duplicate: (i) => (results[i] = { id: batch.messages[i]!.id, result: 'duplicate' }),
      accept: (pending, divisionCode, more) => {
        accepted.push({ pending, divisionCode });
        changes.push(...more);
      },
    };
    // Each store step inside a savepoint: one the database refuses is that message's `invalid`, never the batch's 500.
    const isolated = async (indexes: number[], step: () => Promise<void>): Promise<boolean> => {
      const marks = { accepted: accepted.length, changes: changes.length };
      await tx.query('SAVEPOINT message');
      try {
        await step();
        await tx.query('RELEASE SAVEPOINT message');
        return true;
      } catch (e) {
        await tx.query('ROLLBACK TO SAVEPOINT message');
        accepted.length = marks.accepted;
        changes.length = marks.changes;
        ctx.log.warn({ err: e, terminalId: terminal.id, messages: indexes.map((i) => batch.messages[i]!.id) }, 'outbox: message could not be stored');
        return false;
      }
    };
    const unstorable = (i: number) => invalid(i, 'UNSTORABLE', UNSTORABLE_REASON);
    if (
      !(await isolated(
        submitted.map((s) => s.index),
        () => storeSubmitted(scope, submitted),
      ))
    ) {
      // The set-based insert failed: one at a time, to find the message the database will not take.
      for (const s of submitted) if (!(await isolated([s.index], () => storeSubmitted(scope, [s])))) unstorable(s.index);
    }
    for (const f of followups) if (!(await isolated([f.index], () => storeFollowup(scope, f)))) unstorable(f.index);

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
          // A submission's text is the application's body already (applications.body, kept as first received).
          accepted.map((a) => (a.pending.kind === 'application.submitted' ? null : a.pending.text)),
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
    await appendChanges(tx, changes, at);
  });

  if (conflicts.length > 0) ctx.log.warn({ terminalId: terminal.id, conflicts: conflicts.map((c) => c.messageId) }, 'outbox conflicts kept for review');
  return results.map((r, i) => r ?? { id: batch.messages[i]!.id, result: 'invalid', code: 'INVALID_BODY', reason: '平台未能处理这条消息' });
}
