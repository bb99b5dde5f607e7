import { addCalendarDays, shanghaiDate } from '../../core/calendar';
import { DaibanError } from '../../core/errors';
import type { ApplicationStatus } from '../../core/lifecycle';
import type { LedgerRow } from '../../core/stats/ledger';
import { firstFinalDecisions, listReviewsSubmitted, listSubmittedBetween } from '../../db';
import type { StationContext } from '../context';
import { divisionNames } from '../divisions/names';
import { loadResident } from '../residents/handlers';
import { isReviewTerminal } from '../runtime/terminal-role';

/** What the ledger needs of an application, from either side's table. */
interface Source {
  id: string;
  receiptNo: string;
  itemCode: string;
  status: ApplicationStatus;
  villageCode: string;
  applicantName: string;
  submittedAt: string;
  dueDate: string;
}

/** The Shanghai days [from, to] as a UTC range [from 00:00+08:00, the day after `to`). */
function range(from: string, to: string): [string, string] {
  return [new Date(`${from}T00:00:00+08:00`).toISOString(), new Date(`${addCalendarDays(to, 1)}T00:00:00+08:00`).toISOString()];
}

/** The period asked for, defaulting to this year up to today; refused when it runs backwards. */
export function ledgerPeriod(ctx: StationContext, input: { from?: string; to?: string }): { from: string; to: string } {
  const today = shanghaiDate(ctx.clock.now());
  const to = input.to ?? today;
  const from = input.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw new DaibanError('INVALID_INPUT', '开始日期不能晚于结束日期。', { fields: { from: '开始日期不能晚于结束日期' } });
  return { from, to };
}

/**
 * Every application submitted in the period, each role on its own data (a village its applications, a township
 * its replica), oldest first, with its first standing decision and whether that came within the promised date.
 */
export function ledgerRows(ctx: StationContext, period: { from: string; to: string }): LedgerRow[] {
  const [fromIso, toIso] = range(period.from, period.to);
  const point = ctx.servicePoint();
  const sources: Source[] = isReviewTerminal(ctx.db)
    ? listReviewsSubmitted(ctx.db, fromIso, toIso).map((r) => ({ ...r, applicantName: r.resident.name }))
    : listSubmittedBetween(ctx.db, fromIso, toIso).map((a) => ({
        id: a.id,
        receiptNo: a.receiptNo ?? '',
        itemCode: a.itemCode,
        status: a.status,
        villageCode: point.divisionCode,
        applicantName: loadResident(ctx, a.residentId).name,
        submittedAt: a.submittedAt ?? a.createdAt,
        dueDate: a.dueDate ?? '',
      }));
  const names = divisionNames(ctx);
  const decisions = firstFinalDecisions(ctx.db);
  return sources.map((s): LedgerRow => {
    const d = decisions.get(s.id);
    const decidedOn = d ? shanghaiDate(d.decidedAt) : null;
    return {
      id: s.id,
      receiptNo: s.receiptNo,
      villageCode: s.villageCode,
      villageName: names.name(s.villageCode) ?? (s.villageCode === point.divisionCode ? point.name : null),
      itemCode: s.itemCode,
      itemName: ctx.catalog.itemName(s.itemCode),
      applicantName: s.applicantName,
      submittedAt: s.submittedAt,
      dueDate: s.dueDate,
      status: s.status,
      decidedAt: d?.decidedAt ?? null,
      decision: d?.decision ?? null,
      reviewerName: d?.reviewerName ?? null,
      workingDays: decidedOn ? Math.max(0, ctx.calendar.workingDaysBetween(shanghaiDate(s.submittedAt), decidedOn)) : null,
      onTime: decidedOn ? decidedOn <= s.dueDate : null,
    };
  });
}
