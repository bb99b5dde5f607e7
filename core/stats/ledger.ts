import { addCalendarDays, shanghaiDate } from '../calendar';
import type { ApplicationStatus } from '../lifecycle';

/**
 * The ledger (台账, issue #15): every application of a period with its dates, status, reviewer and whether it
 * was decided within its promised date. One row shape for the screen, the .xlsx export and the printed list,
 * so their figures are the same by construction; the counts and the trend are computed from the rows here.
 */
export interface LedgerRow {
  id: string;
  receiptNo: string;
  villageCode: string;
  villageName: string | null;
  itemCode: string;
  itemName: string;
  applicantName: string;
  /** UTC ISO 8601. */
  submittedAt: string;
  /** 'YYYY-MM-DD' */
  dueDate: string;
  status: ApplicationStatus;
  /** The first approval or rejection (UTC ISO 8601); null while none. */
  decidedAt: string | null;
  decision: 'approve' | 'reject' | null;
  reviewerName: string | null;
  /** Working days from submission to decision; null while undecided. */
  workingDays: number | null;
  /** Decided on or before the promised date; null while undecided. */
  onTime: boolean | null;
}

/** 按期 / 超期 / 办理中, as the ledger's column says it. */
export const timelinessLabel = (r: Pick<LedgerRow, 'onTime'>) => (r.onTime === null ? '办理中' : r.onTime ? '按期' : '超期');

export type TrendGranularity = 'week' | 'month';

export interface TrendPoint {
  /** 2026-12 for a month; the Monday 2026-11-30 for a week. */
  key: string;
  /** 12月 / 11月30日起. */
  label: string;
  submitted: number;
  decided: number;
  /** Of those decided in the period, how many within their promised date. */
  onTime: number;
}

/** The Monday (Asia/Shanghai) of the week an instant falls in. */
function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addCalendarDays(day, -((weekday + 6) % 7));
}

function periodOf(iso: string, g: TrendGranularity): { key: string; label: string } {
  const day = shanghaiDate(iso);
  if (g === 'month') return { key: day.slice(0, 7), label: `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月` };
  const monday = mondayOf(day);
  return { key: monday, label: `${Number(monday.slice(5, 7))}月${Number(monday.slice(8, 10))}日起` };
}

/** Submissions and decisions by week or month, every period between the first and the last one present. */
export function ledgerTrend(rows: readonly LedgerRow[], g: TrendGranularity): TrendPoint[] {
  const points = new Map<string, TrendPoint>();
  const at = (iso: string) => {
    const p = periodOf(iso, g);
    let point = points.get(p.key);
    if (!point) points.set(p.key, (point = { ...p, submitted: 0, decided: 0, onTime: 0 }));
    return point;
  };
  for (const r of rows) {
    at(r.submittedAt).submitted++;
    if (r.decidedAt) {
      const p = at(r.decidedAt);
      p.decided++;
      if (r.onTime) p.onTime++;
    }
  }
  const sorted = [...points.values()].sort((a, b) => a.key.localeCompare(b.key));
  // Fill the gaps, so a quiet week shows as zero rather than not at all.
  const filled: TrendPoint[] = [];
  for (const p of sorted) {
    const last = filled.at(-1);
    if (last) {
      let next = nextKey(last.key, g);
      while (next < p.key) {
        const label = g === 'month' ? `${next.slice(0, 4)}年${Number(next.slice(5, 7))}月` : `${Number(next.slice(5, 7))}月${Number(next.slice(8, 10))}日起`;
        filled.push({ key: next, label, submitted: 0, decided: 0, onTime: 0 });
        next = nextKey(next, g);
      }
    }
    filled.push(p);
  }
  return filled;
}

function nextKey(key: string, g: TrendGranularity): string {
  if (g === 'week') return addCalendarDays(key, 7);
  const [y, m] = key.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Counts by item, village and status, and the mean handling time, from the ledger's rows. */
export function ledgerCounts(rows: readonly LedgerRow[]) {
  const byItem = new Map<string, { itemCode: string; itemName: string; count: number }>();
  const byVillage = new Map<string, { villageCode: string; villageName: string | null; count: number }>();
  const byStatus: Partial<Record<ApplicationStatus, number>> = {};
  let decided = 0;
  let days = 0;
  let onTime = 0;
  for (const r of rows) {
    const i = byItem.get(r.itemCode) ?? { itemCode: r.itemCode, itemName: r.itemName, count: 0 };
    i.count++;
    byItem.set(r.itemCode, i);
    const v = byVillage.get(r.villageCode) ?? { villageCode: r.villageCode, villageName: r.villageName, count: 0 };
    v.count++;
    byVillage.set(r.villageCode, v);
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    if (r.workingDays !== null) {
      decided++;
      days += r.workingDays;
      if (r.onTime) onTime++;
    }
  }
  const desc = <T extends { count: number }>(a: T[], key: (t: T) => string) => a.sort((x, y) => y.count - x.count || key(x).localeCompare(key(y)));
  return {
    total: rows.length,
    byItem: desc([...byItem.values()], (x) => x.itemCode),
    byVillage: desc([...byVillage.values()], (x) => x.villageCode),
    byStatus,
    decided,
    onTime,
    avgHandlingWorkingDays: decided > 0 ? Math.round((days / decided) * 10) / 10 : null,
  };
}
