/**
 * Multi-level review (issue #15, core/review-levels.ts), on both kinds of terminal:
 * - the due-date index covers the two new open statuses (公示中, 待县级审批), whose promised date keeps running;
 * - a decision records the level that took it and the status it led to (a township's approval of a 低保 is not
 *   final: it opens the notice), so the ledger finds the final one;
 * - notice_periods: the notice window the platform opened, and when it ended (NULL while running, or when a
 *   rejection or withdrawal stopped it: the application's status tells which).
 */
export const up = /* sql */ `
DROP INDEX applications_due;
CREATE INDEX applications_due ON applications (due_date, id)
  WHERE status IN ('queued', 'sent', 'under_review', 'needs_supplement', 'supplemented', 'publicizing', 'county_review');

ALTER TABLE decisions ADD COLUMN step TEXT NOT NULL DEFAULT 'township' CHECK (step IN ('township', 'county'));
ALTER TABLE decisions ADD COLUMN status_after TEXT;

CREATE TABLE notice_periods (
  application_id TEXT PRIMARY KEY,
  starts_on      TEXT NOT NULL,
  ends_on        TEXT NOT NULL,
  ends_at        TEXT NOT NULL,
  ended_at       TEXT
) STRICT;
`;
