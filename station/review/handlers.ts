import type { StationParsedInput } from '../../core/api/schemas';
import type { ReviewDetailView, ReviewPage } from '../../core/api/views';
import { shanghaiDate } from '../../core/calendar';
import { DaibanError } from '../../core/errors';
import { findReview, listReviews, type ReviewRow } from '../../db';
import type { StationContext } from '../context';
import type { Handler } from '../runtime/handler-type';
import { toReviewDetail, toReviewItemView } from './views';
import { reviewLookups } from './batches';
import { parseBatchId } from '../../core/review-batch';
import { cachedScan, type DownloadScan } from '../attachments/scan-cache';
import { REVIEW_ROLES, requireUser } from '../runtime/guard';
import { decodePageCursor, encodePageCursor } from '../runtime/page-cursor';

export function loadReview(ctx: StationContext, id: string): ReviewRow {
  const row = findReview(ctx.db, id);
  if (!row) throw new DaibanError('NOT_FOUND', '本机没有这件申请，请先同步后再查看。', { id });
  return row;
}

const today = (ctx: StationContext) => shanghaiDate(ctx.clock.now());
const encodeCursor = (r: ReviewRow) => encodePageCursor(r.submittedAt, r.id);

function decodeCursor(cursor: string): { submittedAt: string; id: string } {
  const { at, id } = decodePageCursor(cursor);
  return { submittedAt: at, id };
}

/** The township's worklist: oldest submission first, filtered by village, item, status, overdue. */
export function list(ctx: StationContext, input: StationParsedInput<'review.list'>): ReviewPage {
  requireUser(ctx, REVIEW_ROLES);
  const day = today(ctx);
  const batch = input.batch === undefined ? undefined : parseBatchId(input.batch);
  if (batch === null) throw new DaibanError('INVALID_INPUT', '批次编号不正确，请重新选择批次。', { fields: { batch: '批次编号不正确' } });
  const rows = listReviews(ctx.db, {
    batch,
    villageCode: input.villageCode,
    itemCode: input.itemCode,
    statuses: input.status,
    overdueBefore: input.overdueOnly ? day : undefined,
    after: input.before ? decodeCursor(input.before) : undefined,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const lookups = reviewLookups(ctx, page);
  return {
    items: page.map((r) => toReviewItemView(ctx, r, day, lookups)),
    nextCursor: rows.length > input.limit ? encodeCursor(page.at(-1)!) : null,
  };
}

export function get(ctx: StationContext, input: StationParsedInput<'review.get'>): ReviewDetailView {
  requireUser(ctx, REVIEW_ROLES);
  return toReviewDetail(ctx, loadReview(ctx, input.id), today(ctx));
}

/** A scanned page of a village application, from this PC or the platform (attachments/scan-cache.ts). */
export function attachment(download: DownloadScan): Handler<'review.attachment'> {
  return async (ctx, input) => {
    requireUser(ctx, REVIEW_ROLES);
    const row = loadReview(ctx, input.applicationId);
    const ref = row.attachments.find((a) => a.sha256 === input.sha256);
    if (!ref) throw new DaibanError('NOT_FOUND', '这件申请没有该附件。', { sha256: input.sha256 });
    return { mimeType: ref.mimeType, dataBase64: (await cachedScan(ctx, ref.sha256, download)).toString('base64') };
  };
}
