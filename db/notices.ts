import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { NoticeWindow } from '../core/sync/changes';
import { noticeEndsAt } from '../core/review-levels';
import { stmt } from './statements';

/** A notice (公示) window the platform opened for an application, and when it ran out (null while running or once stopped). */
export interface NoticeRow extends NoticeWindow {
  endedAt: string | null;
}

/** The window of the latest notice (a second pass after a new review replaces the first). */
export function saveNotice(db: Database, applicationId: string, w: NoticeWindow): void {
  stmt(
    db,
    `INSERT INTO notice_periods (application_id, starts_on, ends_on, ends_at, ended_at) VALUES (?, ?, ?, ?, NULL)
     ON CONFLICT (application_id) DO UPDATE SET starts_on = excluded.starts_on, ends_on = excluded.ends_on, ends_at = excluded.ends_at, ended_at = NULL`,
  ).run(applicationId, w.startsOn, w.endsOn, w.endsAt);
}

/** The platform's word on a notice that ran out (its dates as the platform kept them). */
export function markNoticeEnded(db: Database, applicationId: string, w: Pick<NoticeWindow, 'startsOn' | 'endsOn'>, endedAt: string): void {
  stmt(
    db,
    `INSERT INTO notice_periods (application_id, starts_on, ends_on, ends_at, ended_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (application_id) DO UPDATE SET starts_on = excluded.starts_on, ends_on = excluded.ends_on, ends_at = excluded.ends_at,
       ended_at = excluded.ended_at`,
  ).run(applicationId, w.startsOn, w.endsOn, noticeEndsAt(w.endsOn), endedAt);
}

export function findNotice(db: Database, applicationId: string): NoticeRow | null {
  return (
    stmt<[string], NoticeRow>(
      db,
      'SELECT starts_on AS startsOn, ends_on AS endsOn, ends_at AS endsAt, ended_at AS endedAt FROM notice_periods WHERE application_id = ?',
    ).get(applicationId) ?? null
  );
}
