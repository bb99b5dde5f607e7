import type { Migration } from './types';

/**
 * Multi-level review (issue #15, core/review-levels.ts): which level took each decision, and the public
 * notice (公示) as a timer with its own state. The sweep (platform/review/notice-sweep.ts) finds the running
 * notices that are due through the partial index.
 */
export const REVIEW_LEVELS_MIGRATION: Migration = {
  version: 12,
  name: 'review-levels',
  statements: [
    `ALTER TABLE decisions ADD COLUMN step text NOT NULL DEFAULT 'township' CHECK (step IN ('township', 'county'))`,
    `CREATE TABLE notice_periods (
      application_id uuid PRIMARY KEY REFERENCES applications (id),
      division_code char(12) NOT NULL,
      decision_id uuid NOT NULL REFERENCES decisions (decision_id),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      ends_at timestamptz NOT NULL,
      state text NOT NULL CHECK (state IN ('running', 'ended', 'stopped')),
      closed_at timestamptz
    )`,
    `CREATE INDEX notice_periods_due ON notice_periods (ends_at) WHERE state = 'running'`,
  ],
};
