import type { PlatformContext } from '../context';
import { isoOf, isoOrNull } from '../database/types';
import { listDecisions, listSupplements, type StoredDecision, type StoredSupplement } from './review-reads';

/** Read helpers for tests and the command line. */

export interface ApplicationFilter {
  divisionCode?: string;
  terminalId?: string;
  status?: string;
}

export interface StoredApplication {
  id: string;
  divisionCode: string;
  terminalId: string;
  receiptNo: string;
  itemCode: string;
  catalogVersion: string;
  status: string;
  residentName: string;
  residentIdNumber: string;
  submittedAt: string;
  dueDate: string;
  body: unknown;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  receivedAt: string;
  updatedAt: string;
  /** The submission as first received, once a supplement has rewritten `body` (null before). */
  originalBody: unknown;
  decidedAt: string | null;
  supplementedAt: string | null;
  completedAt: string | null;
  /** Every decision on it, oldest first. */
  decisions: StoredDecision[];
  supplements: StoredSupplement[];
}

export interface StoredConflict {
  messageId: string;
  terminalId: string;
  otherSha256: string;
  body: string;
  at: string;
}

export async function applicationCount(ctx: PlatformContext, filter: ApplicationFilter = {}): Promise<number> {
  const [row] = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM applications
     WHERE ($1::text IS NULL OR division_code = $1) AND ($2::uuid IS NULL OR terminal_id = $2) AND ($3::text IS NULL OR status = $3)`,
    [filter.divisionCode ?? null, filter.terminalId ?? null, filter.status ?? null],
  );
  return row!.n;
}

export async function getApplication(ctx: PlatformContext, id: string): Promise<StoredApplication | null> {
  const [r] = await ctx.db.query(`SELECT *, due_date::text AS due_date_text FROM applications WHERE id = $1`, [id]);
  if (!r) return null;
  return {
    id: String(r.id),
    divisionCode: String(r.division_code),
    terminalId: String(r.terminal_id),
    receiptNo: String(r.receipt_no),
    itemCode: String(r.item_code),
    catalogVersion: String(r.catalog_version),
    status: String(r.status),
    residentName: String(r.resident_name),
    residentIdNumber: String(r.resident_id_number),
    submittedAt: isoOf(r.submitted_at),
    dueDate: String(r.due_date_text),
    body: r.body,
    withdrawnAt: isoOrNull(r.withdrawn_at),
    withdrawalReason: r.withdrawal_reason === null ? null : String(r.withdrawal_reason),
    receivedAt: isoOf(r.received_at),
    updatedAt: isoOf(r.updated_at),
    originalBody: r.original_body ?? null,
    decidedAt: isoOrNull(r.decided_at),
    supplementedAt: isoOrNull(r.supplemented_at),
    completedAt: isoOrNull(r.completed_at),
    decisions: await listDecisions(ctx.db, id),
    supplements: await listSupplements(ctx.db, id),
  };
}

export async function messageCount(ctx: PlatformContext): Promise<number> {
  const [row] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages');
  return row!.n;
}

export async function listConflicts(ctx: PlatformContext): Promise<StoredConflict[]> {
  const rows = await ctx.db.query('SELECT * FROM conflicts ORDER BY id');
  return rows.map((r) => ({
    messageId: String(r.message_id),
    terminalId: String(r.terminal_id),
    otherSha256: String(r.other_sha256),
    body: String(r.body),
    at: isoOf(r.at),
  }));
}
