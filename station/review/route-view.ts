import type { RouteView } from '../../core/api/views';
import type { ApplicationStatus } from '../../core/lifecycle';
import { noticeState, routeSteps, type ReviewStep } from '../../core/review-levels';
import { findNotice, latestDecision, type NoticeRow } from '../../db';
import type { StationContext } from '../context';

/**
 * Where an application stands on its route, for the village's detail and the reviewer's alike: the steps
 * of its item's levels, and its notice (公示) with the days left. A rejection or withdrawal shows at the step
 * it ended: the county's, the notice's (an objection upheld), or the township's.
 */
/** The step a rejected or withdrawn application ended at. */
function endedAt(ctx: StationContext, applicationId: string, notice: NoticeRow | null): ReviewStep {
  if (latestDecision(ctx.db, applicationId)?.step === 'county') return 'county';
  if (!notice) return 'township';
  // A notice stopped before its end was stopped during it; one that ran out had gone up to the county.
  return notice.endedAt ? 'county' : 'notice';
}

export function routeView(
  ctx: StationContext,
  a: { id: string; itemCode: string; catalogVersion: string; status: ApplicationStatus },
  today: string,
): RouteView {
  const levels = ctx.catalog.levels(a.itemCode, a.catalogVersion);
  const notice = findNotice(ctx.db, a.id);
  const stoppedAt = a.status === 'rejected' || a.status === 'withdrawn' ? endedAt(ctx, a.id, notice) : null;
  return {
    steps: routeSteps(levels, a.status, stoppedAt),
    notice: notice ? { startsOn: notice.startsOn, endsOn: notice.endsOn, ...noticeState(notice, a.status, today) } : null,
  };
}
