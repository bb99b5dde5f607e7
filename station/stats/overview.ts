import type { StatsOverview } from '../../core/api/views';
import { shanghaiDate } from '../../core/calendar';
import { countByStatus, countPending, countSubmittedByItem, listOpenDueBy } from '../../db';
import type { StationContext } from '../context';
import { toApplicationView } from '../intake/applications';
import { requireUser } from '../runtime/guard';

/** "Due soon" means due within this many working days from today. */
export const DUE_SOON_WORKING_DAYS = 3;
const LIST_LIMIT = 50;

/** The Shanghai calendar day as a UTC range: [day 00:00+08:00, next day 00:00+08:00). */
function shanghaiDayRange(day: string): [string, string] {
  const start = new Date(`${day}T00:00:00+08:00`);
  return [start.toISOString(), new Date(start.getTime() + 86_400_000).toISOString()];
}

export function overview(ctx: StationContext): StatsOverview {
  requireUser(ctx);
  const today = shanghaiDate(ctx.clock.now());
  const [from, to] = shanghaiDayRange(today);
  const todayCounts = countSubmittedByItem(ctx.db, from, to);
  const soon = listOpenDueBy(ctx.db, ctx.calendar.addWorkingDays(today, DUE_SOON_WORKING_DAYS), LIST_LIMIT * 4);
  const views = soon.map((a) => toApplicationView(ctx, a));
  return {
    today,
    todayByItem: todayCounts.map((c) => ({ ...c, itemName: ctx.catalog.itemName(c.itemCode) })),
    todayTotal: todayCounts.reduce((n, c) => n + c.count, 0),
    queueDepth: countPending(ctx.db),
    byStatus: countByStatus(ctx.db),
    overdue: views.filter((a) => a.dueDate! < today).slice(0, LIST_LIMIT),
    dueSoon: views.filter((a) => a.dueDate! >= today).slice(0, LIST_LIMIT),
  };
}
