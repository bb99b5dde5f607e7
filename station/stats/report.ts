import type { StationParsedInput } from '../../core/api/schemas';
import type { StatsReport } from '../../core/api/views';
import { addCalendarDays, shanghaiDate } from '../../core/calendar';
import { DaibanError } from '../../core/errors';
import type { ApplicationStatus } from '../../core/lifecycle';
import {
  firstFinalDecisionTimes,
  listOpenDueBy,
  listOpenReviewsDueBefore,
  listReviewsSubmitted,
  listSubmittedBetween,
  type ApplicationRow,
  type ReviewRow,
} from '../../db';
import type { StationContext } from '../context';
import { isTownshipTerminal } from '../runtime/terminal-role';
import { loadResident } from '../residents/handlers';
import { requireUser } from '../runtime/guard';
import { divisionNames } from '../divisions/names';

const OVERDUE_LIMIT = 200;

/** What the report needs of an application, from either side's table. */
interface Counted {
  id: string;
  receiptNo: string;
  itemCode: string;
  status: ApplicationStatus;
  villageCode: string;
  residentName: string;
  submittedAt: string;
  dueDate: string;
}

const fromReplica = (r: ReviewRow): Counted => ({ ...r, residentName: r.resident.name });

function fromLocal(ctx: StationContext, a: ApplicationRow, villageCode: string): Counted {
  return {
    id: a.id,
    receiptNo: a.receiptNo ?? '',
    itemCode: a.itemCode,
    status: a.status,
    villageCode,
    residentName: loadResident(ctx, a.residentId).name,
    submittedAt: a.submittedAt ?? a.createdAt,
    dueDate: a.dueDate ?? '',
  };
}

/** The Shanghai days [from, to] as a UTC range [from 00:00+08:00, the day after `to`). */
function range(from: string, to: string): [string, string] {
  return [new Date(`${from}T00:00:00+08:00`).toISOString(), new Date(`${addCalendarDays(to, 1)}T00:00:00+08:00`).toISOString()];
}

/**
 * Counts by item, status and village, the mean handling time in working days (submission → approval or
 * rejection), and the overdue list. Each role on its own data: a village its applications, a township its
 * replica. The range defaults to the current year up to today.
 */
export function report(ctx: StationContext, input: StationParsedInput<'stats.report'>): StatsReport {
  requireUser(ctx);
  const today = shanghaiDate(ctx.clock.now());
  const to = input.to ?? today;
  const from = input.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw new DaibanError('INVALID_INPUT', '开始日期不能晚于结束日期。', { fields: { from: '开始日期不能晚于结束日期' } });
  const [fromIso, toIso] = range(from, to);
  const township = isTownshipTerminal(ctx.db);
  const point = ctx.servicePoint();
  const names = divisionNames(ctx);
  const rows: Counted[] = township
    ? listReviewsSubmitted(ctx.db, fromIso, toIso).map(fromReplica)
    : listSubmittedBetween(ctx.db, fromIso, toIso).map((a) => fromLocal(ctx, a, point.divisionCode));
  const overdueRows: Counted[] = township
    ? listOpenReviewsDueBefore(ctx.db, today, OVERDUE_LIMIT).map(fromReplica)
    : listOpenDueBy(ctx.db, addCalendarDays(today, -1), OVERDUE_LIMIT).map((a) => fromLocal(ctx, a, point.divisionCode));

  const byItem = new Map<string, number>();
  const byStatus: Partial<Record<ApplicationStatus, number>> = {};
  const byVillage = new Map<string, number>();
  const decidedAt = firstFinalDecisionTimes(ctx.db);
  let handled = 0;
  let workingDays = 0;
  for (const r of rows) {
    byItem.set(r.itemCode, (byItem.get(r.itemCode) ?? 0) + 1);
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    byVillage.set(r.villageCode, (byVillage.get(r.villageCode) ?? 0) + 1);
    const decided = decidedAt.get(r.id);
    if (decided) {
      handled++;
      workingDays += Math.max(0, ctx.calendar.workingDaysBetween(shanghaiDate(r.submittedAt), shanghaiDate(decided)));
    }
  }
  const desc = <T extends { count: number }>(a: T[], key: (t: T) => string) => a.sort((x, y) => y.count - x.count || key(x).localeCompare(key(y)));
  return {
    from,
    to,
    total: rows.length,
    byItem: desc(
      [...byItem].map(([itemCode, count]) => ({ itemCode, itemName: ctx.catalog.itemName(itemCode), count })),
      (x) => x.itemCode,
    ),
    byStatus,
    byVillage: desc(
      [...byVillage].map(([villageCode, count]) => ({ villageCode, villageName: names.name(villageCode) ?? (township ? null : point.name), count })),
      (x) => x.villageCode,
    ),
    avgHandlingWorkingDays: handled > 0 ? Math.round((workingDays / handled) * 10) / 10 : null,
    overdue: overdueRows.map((r) => ({
      id: r.id,
      receiptNo: r.receiptNo,
      itemName: ctx.catalog.itemName(r.itemCode),
      residentName: r.residentName,
      villageCode: r.villageCode,
      villageName: names.name(r.villageCode),
      dueDate: r.dueDate,
      workingDaysOverdue: -ctx.calendar.workingDaysBetween(today, r.dueDate),
    })),
  };
}
