import type { StationParsedInput } from '../../core/api/schemas';
import type { StatsReport } from '../../core/api/views';
import { addCalendarDays, shanghaiDate } from '../../core/calendar';
import { ledgerCounts, ledgerTrend } from '../../core/stats/ledger';
import { listOpenDueBy, listOpenReviewsDueBefore } from '../../db';
import type { StationContext } from '../context';
import { divisionNames } from '../divisions/names';
import { loadResident } from '../residents/handlers';
import { requireUser } from '../runtime/guard';
import { isReviewTerminal } from '../runtime/terminal-role';
import { ledgerPeriod, ledgerRows } from './ledger';

const OVERDUE_LIMIT = 200;

/**
 * Counts by item, status and village, the mean handling time in working days (submission → approval or
 * rejection), the trend by week or month and the overdue list, all from the ledger's rows (station/stats/ledger.ts),
 * so what the screen shows is what the export and the printed list hold. Each role on its own data.
 */
export function report(ctx: StationContext, input: StationParsedInput<'stats.report'>): StatsReport {
  const user = requireUser(ctx);
  const period = ledgerPeriod(ctx, input);
  const rows = ledgerRows(ctx, period);
  const counts = ledgerCounts(rows);
  const granularity = input.granularity ?? 'week';
  return {
    ...period,
    total: counts.total,
    byItem: counts.byItem,
    byStatus: counts.byStatus,
    byVillage: counts.byVillage,
    avgHandlingWorkingDays: counts.avgHandlingWorkingDays,
    decided: counts.decided,
    onTime: counts.onTime,
    trend: { granularity, points: ledgerTrend(rows, granularity) },
    // IT staff (the county's view on a county terminal) get the figures, not the residents behind them.
    overdue: user.role === 'it' ? overdue(ctx).map((o) => ({ ...o, residentName: maskName(o.residentName) })) : overdue(ctx),
  };
}

/** 王秀英 → 王**: who it is stays with the people who serve them. */
const maskName = (name: string) => (name ? `${[...name][0]}${'*'.repeat(Math.max(1, [...name].length - 1))}` : name);

/** Open applications past their promised date today (not those whose clock a supplement stopped). */
function overdue(ctx: StationContext): StatsReport['overdue'] {
  const today = shanghaiDate(ctx.clock.now());
  const names = divisionNames(ctx);
  const point = ctx.servicePoint();
  const rows = isReviewTerminal(ctx.db)
    ? listOpenReviewsDueBefore(ctx.db, today, OVERDUE_LIMIT).map((r) => ({ ...r, residentName: r.resident.name }))
    : listOpenDueBy(ctx.db, addCalendarDays(today, -1), OVERDUE_LIMIT).map((a) => ({
        id: a.id,
        receiptNo: a.receiptNo ?? '',
        itemCode: a.itemCode,
        villageCode: point.divisionCode,
        residentName: loadResident(ctx, a.residentId).name,
        dueDate: a.dueDate ?? '',
      }));
  return rows.map((r) => ({
    id: r.id,
    receiptNo: r.receiptNo,
    itemName: ctx.catalog.itemName(r.itemCode),
    residentName: r.residentName,
    villageCode: r.villageCode,
    villageName: names.name(r.villageCode),
    dueDate: r.dueDate,
    workingDaysOverdue: -ctx.calendar.workingDaysBetween(today, r.dueDate),
  }));
}
