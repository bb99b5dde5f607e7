import type { Migration } from './types';

/** Public holidays as data (issue #15): one row a year, published down the feed as `calendar.published`. */
export const CALENDAR_MIGRATION: Migration = {
  version: 10,
  name: 'calendar',
  statements: [
    `CREATE TABLE calendar_years (
      year integer PRIMARY KEY,
      body jsonb NOT NULL,
      body_sha256 char(64) NOT NULL,
      published_at timestamptz NOT NULL
    )`,
  ],
};
