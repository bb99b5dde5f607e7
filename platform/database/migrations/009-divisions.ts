import type { Migration } from './types';

/**
 * Names of divisions (issue #15): loaded from a county's or province's list (统计用区划代码), published to the
 * terminals as `divisions.published`, one division with its direct children per change.
 */
export const DIVISIONS_MIGRATION: Migration = {
  version: 9,
  name: 'divisions',
  statements: [
    `CREATE TABLE divisions (
      code char(12) PRIMARY KEY,
      name text NOT NULL,
      level text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
      parent_code char(12),
      updated_at timestamptz NOT NULL
    )`,
    `CREATE INDEX divisions_parent ON divisions (parent_code, code)`,
  ],
};
