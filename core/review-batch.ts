import { isValidDate } from './calendar';

/**
 * A batch (批次) is what a village sent together, as the township reviews it: the applications of one handover
 * list (交接清单), or, for applications on no list (items without paper), one village's applications that arrived
 * on one day. Its id names which: `list:<list id>` or `day:<village code>:<YYYY-MM-DD>`.
 */
export type BatchRef = { kind: 'list'; listId: string } | { kind: 'day'; villageCode: string; day: string };

const LIST_RE = /^list:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const DAY_RE = /^day:(\d{12}):(\d{4}-\d{2}-\d{2})$/;

export function batchId(b: BatchRef): string {
  return b.kind === 'list' ? `list:${b.listId}` : `day:${b.villageCode}:${b.day}`;
}

/** Null for anything that is not a batch id (the worklist then refuses the filter). */
export function parseBatchId(id: string): BatchRef | null {
  const list = LIST_RE.exec(id);
  if (list) return { kind: 'list', listId: list[1]! };
  const day = DAY_RE.exec(id);
  if (day && isValidDate(day[2]!)) return { kind: 'day', villageCode: day[1]!, day: day[2]! };
  return null;
}
