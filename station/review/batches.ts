import type { StationParsedInput } from '../../core/api/schemas';
import type { ReviewBatchView } from '../../core/api/views';
import { shanghaiDate } from '../../core/calendar';
import { batchId, type BatchRef } from '../../core/review-batch';
import { AWAITING_DECISION } from '../../core/review-levels';
import { deciderStep } from '../runtime/terminal-role';
import { findHandover, listBatches, listIdsOf, type ReviewRow } from '../../db';
import type { StationContext } from '../context';
import { divisionNames, type DivisionNames } from '../divisions/names';
import { REVIEW_ROLES, requireUser } from '../runtime/guard';

/** What the worklist reads once per request, not per row: names, and the batch each row came in. */
export interface ReviewLookups {
  names: DivisionNames;
  batchOf(row: ReviewRow): { id: string; label: string };
}

function label(ref: BatchRef, listNo: string | null): string {
  return ref.kind === 'list' ? `交接清单 ${listNo ?? ''}`.trim() : `${ref.day} 同步（无交接清单）`;
}

export function reviewLookups(ctx: StationContext, rows: readonly ReviewRow[]): ReviewLookups {
  const lists = listIdsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const listNos = new Map<string, string | null>();
  for (const listId of new Set(lists.values())) listNos.set(listId, findHandover(ctx.db, listId)?.listNo ?? null);
  return {
    names: divisionNames(ctx),
    batchOf(row) {
      const listId = lists.get(row.id);
      const ref: BatchRef = listId ? { kind: 'list', listId } : { kind: 'day', villageCode: row.villageCode, day: shanghaiDate(row.receivedAt) };
      return { id: batchId(ref), label: label(ref, listId ? (listNos.get(listId) ?? null) : null) };
    },
  };
}

/** review.batches: what the villages sent together, those with something still to decide first. */
export function batches(ctx: StationContext, input: StationParsedInput<'review.batches'>): ReviewBatchView[] {
  requireUser(ctx, REVIEW_ROLES);
  const names = divisionNames(ctx);
  return listBatches(ctx.db, input.limit, AWAITING_DECISION[deciderStep(ctx.db)]).map((b) => ({
    id: batchId(b.ref),
    kind: b.ref.kind,
    label: label(b.ref, b.listNo),
    villageCode: b.villageCode,
    villageName: names.name(b.villageCode),
    at: b.at,
    total: b.total,
    open: b.open,
    confirmedAt: b.confirmedAt,
  }));
}
