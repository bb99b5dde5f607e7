import type { Migration } from './types';

/**
 * County terminals (issue #15): a county's reviewers see the work of its townships (worklist, statistics, the
 * ledger) on a terminal of their own. PostgreSQL named v1's column checks <table>_role_check.
 */
export const COUNTY_TERMINALS_MIGRATION: Migration = {
  version: 11,
  name: 'county-terminals',
  statements: [
    `ALTER TABLE terminals DROP CONSTRAINT IF EXISTS terminals_role_check`,
    `ALTER TABLE terminals ADD CONSTRAINT terminals_role_check CHECK (role IN ('village', 'township', 'county'))`,
    `ALTER TABLE enrollment_codes DROP CONSTRAINT IF EXISTS enrollment_codes_role_check`,
    `ALTER TABLE enrollment_codes ADD CONSTRAINT enrollment_codes_role_check CHECK (role IN ('village', 'township', 'county'))`,
  ],
};
