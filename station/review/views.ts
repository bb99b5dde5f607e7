import type { DecisionView, ReviewDetailView, ReviewItemView } from '../../core/api/views';
import type { CatalogItem } from '../../core/catalog/model';
import { shanghaiDate } from '../../core/calendar';
import { maskCitizenId } from '../../core/citizen-id';
import { isDaibanError } from '../../core/errors';
import { canTransition, type ApplicationStatus } from '../../core/lifecycle';
import { decisionAction, type ReviewDecision } from '../../core/review-levels';
import { deciderStep } from '../runtime/terminal-role';
import { routeView } from './route-view';
import { findSupplementRecord, latestDecision, listDecisions, listReviewEvents, REVIEW_OPEN_STATUSES, type ReviewRow } from '../../db';
import type { StationContext } from '../context';
import { reviewLookups, type ReviewLookups } from './batches';
import { toDecisionView } from './decision-views';

/** 行政许可法 §32: a return for supplement must be told within 5 working days of receipt, all at once. */
export const SUPPLEMENT_NOTICE_WORKING_DAYS = 5;
/** The worklist warns when this many working days or fewer are left for the one-time notice. */
const NEAR_WORKING_DAYS = 1;

/**
 * Awaiting the first look: only then does the one-time-notice window run. After a supplement the notice has
 * been given; a second return would not be a one-time notice, so the window is not shown.
 */
const AWAITING_FIRST_DECISION: ReadonlySet<ApplicationStatus> = new Set(['sent', 'under_review']);

function itemOf(ctx: StationContext, row: ReviewRow): CatalogItem | null {
  try {
    return ctx.catalog.item(row.itemCode, row.catalogVersion);
  } catch {
    return null; // a catalog version that has not come down yet: the name still shows
  }
}

export function toReviewItemView(ctx: StationContext, row: ReviewRow, today: string, lookups: ReviewLookups = reviewLookups(ctx, [row])): ReviewItemView {
  const open = REVIEW_OPEN_STATUSES.includes(row.status);
  const latest = latestDecision(ctx.db, row.id);
  // While a supplement is awaited the clock stands where the request stopped it.
  const duePaused = row.status === 'needs_supplement';
  const asOf = duePaused && latest ? shanghaiDate(latest.decidedAt) : today;
  const workingDaysLeft = ctx.calendar.workingDaysBetween(asOf, row.dueDate);
  let supplementDueDate: string | null = null;
  let supplementDue: ReviewItemView['supplementDue'] = null;
  if (AWAITING_FIRST_DECISION.has(row.status)) {
    supplementDueDate = ctx.calendar.addWorkingDays(shanghaiDate(row.receivedAt), SUPPLEMENT_NOTICE_WORKING_DAYS);
    const left = ctx.calendar.workingDaysBetween(today, supplementDueDate);
    supplementDue = today > supplementDueDate ? 'passed' : left <= NEAR_WORKING_DAYS ? 'near' : 'ok';
  }
  return {
    id: row.id,
    receiptNo: row.receiptNo,
    villageCode: row.villageCode,
    villageName: lookups.names.name(row.villageCode),
    itemCode: row.itemCode,
    itemName: itemOf(ctx, row)?.name ?? ctx.catalog.itemName(row.itemCode),
    residentName: row.resident.name,
    residentIdMasked: maskCitizenId(row.resident.idNumber),
    status: row.status,
    submittedAt: row.submittedAt,
    dueDate: row.dueDate,
    workingDaysLeft,
    overdue: open && row.dueDate < asOf,
    duePaused,
    supplementDueDate,
    supplementDue,
    latestDecision: latest ? toDecisionView(latest) : null,
    batch: lookups.batchOf(row),
  };
}

/** What this terminal's level may decide on the application now, by the same rule the platform applies. */
function decisionsHere(ctx: StationContext, row: ReviewRow): Pick<ReviewDetailView, 'mayDecide' | 'approveAction'> {
  const levels = ctx.catalog.levels(row.itemCode, row.catalogVersion);
  const step = deciderStep(ctx.db);
  const actionOf = (d: ReviewDecision) => {
    try {
      const action = decisionAction(levels, row.status, d, step);
      return canTransition(row.status, action) ? action : null;
    } catch (e) {
      if (isDaibanError(e)) return null; // this level may not take it now
      throw e;
    }
  };
  const all: ReviewDecision[] = ['approve', 'request_supplement', 'reject'];
  return { mayDecide: all.filter((d) => actionOf(d) !== null), approveAction: actionOf('approve') };
}

export function toReviewDetail(ctx: StationContext, row: ReviewRow, today: string): ReviewDetailView {
  const item = itemOf(ctx, row) ?? ctx.catalog.item(row.itemCode);
  const decisions: DecisionView[] = listDecisions(ctx.db, row.id)
    .filter((d) => d.state !== 'refused')
    .map(toDecisionView);
  return {
    ...toReviewItemView(ctx, row, today),
    item,
    resident: {
      name: row.resident.name,
      idMasked: maskCitizenId(row.resident.idNumber),
      gender: row.resident.gender,
      birthDate: row.resident.birthDate,
      phone: row.resident.phone,
      address: row.resident.address,
    },
    form: row.form,
    materials: row.materials,
    attachments: row.attachments.map((a) => ({ ...a, cached: ctx.blobs.has(a.sha256) })),
    decisions,
    events: listReviewEvents(ctx.db, row.id),
    cadreName: row.cadreName,
    lastSupplement: findSupplementRecord(ctx.db, row.id),
    route: routeView(ctx, row, today),
    ...decisionsHere(ctx, row),
  };
}
