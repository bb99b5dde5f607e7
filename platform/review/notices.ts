import { passAction, noticeDays, noticeWindow, type ReviewLevels } from '../../core/review-levels';
import { transition, type ApplicationStatus } from '../../core/lifecycle';
import type { NoticeWindow } from '../../core/sync/changes';
import { appendChanges, type NewChange } from '../change-feed';
import type { PlatformContext } from '../context';
import { startPeriodic } from '../periodic';
import type { Queryable } from '../database/types';
import { noticeEndedChanges, receivedChange } from '../ingest/application-changes';
import { lockApplication } from '../ingest/application-row';
import type { IngestScope } from '../ingest/scope';
import { applicationLevels } from './levels';

/**
 * The public notice (公示) as a timer with its own state (notice_periods): `running` from the township's pass,
 * `ended` when its period ran out (the sweep moves the application on), `stopped` when a rejection or a
 * withdrawal ended it early. Lock order is always the application's row, then its notice.
 */

/** Opens a notice when a decision moved into publicizing; stops a running one when a decision moved out of it. */
export async function moveNotice(
  scope: Pick<IngestScope, 'tx' | 'at'>,
  m: { id: string; divisionCode: string; decisionId: string; from: ApplicationStatus; to: ApplicationStatus; levels: ReviewLevels },
): Promise<NoticeWindow | null> {
  if (m.from === 'publicizing' && m.to !== 'publicizing') await stopNotice(scope.tx, m.id, scope.at);
  const days = noticeDays(m.levels);
  if (m.to !== 'publicizing' || days === null) return null;
  const w = noticeWindow(scope.at, days);
  await scope.tx.query(
    `INSERT INTO notice_periods (application_id, division_code, decision_id, starts_on, ends_on, ends_at, state)
     VALUES ($1, $2, $3, $4::date, $5::date, $6, 'running')
     ON CONFLICT (application_id) DO UPDATE SET decision_id = EXCLUDED.decision_id, starts_on = EXCLUDED.starts_on,
       ends_on = EXCLUDED.ends_on, ends_at = EXCLUDED.ends_at, state = 'running', closed_at = NULL`,
    [m.id, m.divisionCode, m.decisionId, w.startsOn, w.endsOn, w.endsAt],
  );
  return w;
}

export async function stopNotice(tx: Queryable, applicationId: string, at: string): Promise<void> {
  await tx.query(`UPDATE notice_periods SET state = 'stopped', closed_at = $2 WHERE application_id = $1 AND state = 'running'`, [applicationId, at]);
}

type DueNotice = { application_id: string; starts_on: string; ends_on: string };

/** One notice that ran out: the application moves on (to the county, as a rule), in the sweep's transaction. */
async function endNotice(ctx: PlatformContext, tx: Queryable, n: DueNotice, at: string): Promise<NewChange[] | null> {
  // SKIP LOCKED: a decision on it is being stored (or another instance sweeps it); the next sweep sees it.
  const app = await lockApplication(tx, n.application_id, { skipLocked: true });
  if (!app) return null;
  const [still] = await tx.query<{ running: boolean }>(
    `SELECT state = 'running' AND ends_at <= $2 AS running FROM notice_periods WHERE application_id = $1 FOR UPDATE`,
    [app.id, at],
  );
  if (!still?.running) return [];
  if (app.status !== 'publicizing') {
    await stopNotice(tx, app.id, at);
    return [];
  }
  const to = transition(app.status, passAction(await applicationLevels(ctx.db, tx, app), 'notice'));
  await tx.query('UPDATE applications SET status = $2, updated_at = $3 WHERE id = $1', [app.id, to, at]);
  await tx.query(`UPDATE notice_periods SET state = 'ended', closed_at = $2 WHERE application_id = $1`, [app.id, at]);
  return [
    ...noticeEndedChanges({
      applicationId: app.id,
      receiptNo: app.receipt_no,
      divisionCode: app.division_code,
      status: to,
      startsOn: n.starts_on,
      endsOn: n.ends_on,
      endedAt: at,
    }),
    receivedChange(app.division_code, { applicationId: app.id, receiptNo: app.receipt_no, status: to, at }),
  ];
}

/**
 * Ends every notice whose period ran out by the platform's clock, a bounded page per transaction, each
 * application on its own (one that cannot move now waits for the next sweep and stops none of the others).
 * Safe on several instances at once. Returns how many ended.
 */
export async function sweepNotices(ctx: PlatformContext, pageSize = 200): Promise<number> {
  let ended = 0;
  for (let page = 0; page < 1000; page++) {
    const at = ctx.now().toISOString();
    const { moved, handled, seen } = await ctx.db.transaction(async (tx) => {
      const due = await tx.query<DueNotice>(
        `SELECT application_id::text AS application_id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
         FROM notice_periods WHERE state = 'running' AND ends_at <= $1 ORDER BY ends_at, application_id LIMIT $2`,
        [at, pageSize],
      );
      const changes: NewChange[] = [];
      let moved = 0;
      let handled = 0;
      for (const n of due) {
        const more = await endNotice(ctx, tx, n, at);
        if (!more) continue;
        handled++;
        if (more.length > 0) moved++;
        changes.push(...more);
      }
      await appendChanges(tx, changes, at);
      return { moved, handled, seen: due.length };
    });
    ended += moved;
    // A page with nothing handled (all locked for now) ends this sweep; the next one retries them.
    if (seen < pageSize || handled === 0) break;
  }
  return ended;
}

/** Sweeps on a timer (platform/periodic.ts). */
export function startNoticeSweeper(ctx: PlatformContext, everyMs: number): () => Promise<void> {
  return startPeriodic(ctx, 'notices: sweep', everyMs, async () => {
    const n = await sweepNotices(ctx);
    if (n > 0) ctx.log.info({ ended: n }, 'notices: periods ended');
  });
}
