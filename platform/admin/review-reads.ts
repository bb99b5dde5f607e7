import type { Decision, HandoverConfirmed, SupplementItem } from '../../core/sync/messages';
import type { PlatformContext } from '../context';
import type { Queryable } from '../database/types';
import { isoOf, isoOrNull } from '../database/types';

/** Read helpers for the township review's tables (tests and the command line). */

export interface StoredDecision {
  decisionId: string;
  applicationId: string;
  divisionCode: string;
  decision: Decision;
  /** The application's status the decision led to. */
  statusAfter: string;
  reason: string | null;
  supplement: { items: SupplementItem[]; note: string | null } | null;
  reviewer: { id: string; name: string };
  decidedAt: string;
  messageId: string;
  terminalId: string;
  receivedAt: string;
}

export interface StoredSupplement {
  messageId: string;
  terminalId: string;
  supplementedAt: string;
  receivedAt: string;
  body: unknown;
}

export interface StoredHandoverList {
  listId: string;
  listNo: string;
  divisionCode: string;
  createdAt: string;
  cadre: { id: string; name: string };
  terminalId: string;
  receivedAt: string;
  items: { applicationId: string; receiptNo: string; materialKeys: string[]; missing: { materialKey: string; note: string | null }[] | null }[];
  confirmation: { body: HandoverConfirmed; confirmedAt: string; terminalId: string; receivedAt: string } | null;
}

export async function listDecisions(db: Queryable, applicationId: string): Promise<StoredDecision[]> {
  const rows = await db.query('SELECT * FROM decisions WHERE application_id = $1 ORDER BY received_at, decided_at', [applicationId]);
  return rows.map((r) => ({
    decisionId: String(r.decision_id),
    applicationId: String(r.application_id),
    divisionCode: String(r.division_code),
    decision: r.decision as Decision,
    statusAfter: String(r.status_after),
    reason: r.reason === null ? null : String(r.reason),
    supplement: (r.supplement ?? null) as StoredDecision['supplement'],
    reviewer: { id: String(r.reviewer_id), name: String(r.reviewer_name) },
    decidedAt: isoOf(r.decided_at),
    messageId: String(r.message_id),
    terminalId: String(r.terminal_id),
    receivedAt: isoOf(r.received_at),
  }));
}

export async function listSupplements(db: Queryable, applicationId: string): Promise<StoredSupplement[]> {
  const rows = await db.query('SELECT * FROM supplements WHERE application_id = $1 ORDER BY id', [applicationId]);
  return rows.map((r) => ({
    messageId: String(r.message_id),
    terminalId: String(r.terminal_id),
    supplementedAt: isoOf(r.supplemented_at),
    receivedAt: isoOf(r.received_at),
    body: r.body,
  }));
}

export async function getHandoverList(ctx: PlatformContext, listId: string): Promise<StoredHandoverList | null> {
  const [l] = await ctx.db.query('SELECT * FROM handover_lists WHERE list_id = $1', [listId]);
  if (!l) return null;
  const items = await ctx.db.query('SELECT * FROM handover_items WHERE list_id = $1 ORDER BY position', [listId]);
  return {
    listId: String(l.list_id),
    listNo: String(l.list_no),
    divisionCode: String(l.division_code),
    createdAt: isoOf(l.created_at),
    cadre: { id: String(l.cadre_id), name: String(l.cadre_name) },
    terminalId: String(l.terminal_id),
    receivedAt: isoOf(l.received_at),
    items: items.map((i) => ({
      applicationId: String(i.application_id),
      receiptNo: String(i.receipt_no),
      materialKeys: i.material_keys as string[],
      missing: (i.missing ?? null) as StoredHandoverList['items'][number]['missing'],
    })),
    confirmation:
      l.confirmation === null
        ? null
        : {
            body: l.confirmation as HandoverConfirmed,
            confirmedAt: isoOf(l.confirmed_at),
            terminalId: String(l.confirmed_by),
            receivedAt: isoOrNull(l.confirmation_received_at) ?? '',
          },
  };
}
