import type { FollowUpView, RatingView } from '../../core/api/rating-methods';
import {
  FOLLOW_UP_STEP_NAMES,
  isPoorRating,
  RATING_LEVEL_NAMES,
  RATING_STAGE_NAMES,
  reasonName,
  type FollowUpStep,
  type RatingLevel,
} from '../../core/ratings/model';
import { shanghaiDate } from '../../core/calendar';
import type { ServiceRated } from '../../core/sync/messages';
import { findDivisionName, findMessage, type FollowUpRecord, type RatingRow } from '../../db';
import type { StationContext } from '../context';

/**
 * The row a rating is kept as, from its wire body: the village's own (with its outbox message), or a township's
 * replica from the feed (with the resident to call back and a 差评's deadlines).
 */
export function ratingRowOf(
  r: ServiceRated,
  more: Partial<Pick<RatingRow, 'messageId' | 'residentName' | 'residentPhone' | 'receivedAt' | 'revisitDue' | 'rectifyDue'>> = {},
): Omit<RatingRow, 'revisit' | 'rectify'> {
  return {
    id: r.ratingId,
    applicationId: r.applicationId,
    stage: r.stage,
    villageCode: r.divisionCode,
    itemCode: r.itemCode,
    receiptNo: r.receiptNo,
    level: r.level,
    reasons: r.reasons,
    comment: r.comment,
    ratedAt: r.ratedAt,
    ratedOn: shanghaiDate(r.ratedAt),
    cadreId: r.cadre.id,
    cadreName: r.cadre.name,
    messageId: null,
    residentName: null,
    residentPhone: null,
    receivedAt: null,
    revisitDue: null,
    rectifyDue: null,
    ...more,
  };
}

const stepView = (s: FollowUpRecord | null) => (s ? { at: s.at, note: s.note, byName: s.byName } : null);

export function toRatingView(r: RatingRow): RatingView {
  const level = r.level as RatingLevel;
  return {
    id: r.id,
    applicationId: r.applicationId,
    stage: r.stage,
    stageName: RATING_STAGE_NAMES[r.stage],
    level,
    levelName: RATING_LEVEL_NAMES[level] ?? String(level),
    poor: isPoorRating(level),
    reasons: r.reasons.map((code) => ({ code, name: reasonName(code) })),
    comment: r.comment,
    ratedAt: r.ratedAt,
    cadreName: r.cadreName,
    revisit: stepView(r.revisit),
    rectify: stepView(r.rectify),
  };
}

function unsent(ctx: StationContext, s: FollowUpRecord | null): boolean {
  const m = s?.messageId ? findMessage(ctx.db, s.messageId) : null;
  return m !== null && m.status === 'pending';
}

/** The next step to do of a 差评: 回访核实 first, then 整改反馈. */
export function nextStep(r: RatingRow): FollowUpStep | null {
  if (!r.revisit) return 'revisit';
  return r.rectify ? null : 'rectify';
}

export function toFollowUpView(ctx: StationContext, r: RatingRow, today: string): FollowUpView {
  const revisitLate = !r.revisit && r.revisitDue !== null && r.revisitDue < today;
  const rectifyLate = !r.rectify && r.rectifyDue !== null && r.rectifyDue < today;
  return {
    ...toRatingView(r),
    receiptNo: r.receiptNo,
    villageCode: r.villageCode,
    villageName: findDivisionName(ctx.db, r.villageCode) ?? r.villageCode,
    itemName: ctx.catalog.itemName(r.itemCode),
    residentName: r.residentName ?? '',
    residentPhone: r.residentPhone,
    receivedAt: r.receivedAt ?? r.ratedAt,
    revisitDue: r.revisitDue ?? '',
    rectifyDue: r.rectifyDue ?? '',
    overdue: revisitLate ? 'revisit' : rectifyLate ? 'rectify' : null,
    next: nextStep(r),
    unsent: unsent(ctx, r.revisit) || unsent(ctx, r.rectify),
  };
}

export const stepName = (s: FollowUpStep): string => FOLLOW_UP_STEP_NAMES[s];
