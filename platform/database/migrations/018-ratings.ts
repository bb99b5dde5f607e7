import type { Migration } from './types';

/**
 * 好差评 (issue #17, platform/ratings, docs/ratings.md): one row per rating, one per application and stage,
 * with a 差评's follow-up (deadlines set on receipt under the province's rules, then 回访核实 and 整改反馈 as the
 * township records them); the province's rules as one row. Ratings are the service's record: retention keeps them.
 */
export const RATINGS_MIGRATION: Migration = {
  version: 18,
  name: 'ratings',
  statements: [
    `CREATE TABLE ratings (
      id uuid PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES applications (id),
      stage text NOT NULL CHECK (stage IN ('receipt', 'result')),
      division_code text NOT NULL,
      item_code text NOT NULL,
      level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
      reasons jsonb NOT NULL,
      comment text,
      cadre_id text NOT NULL,
      cadre_name text NOT NULL,
      rated_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL,
      terminal_id uuid NOT NULL REFERENCES terminals (id),
      revisit_due date,
      rectify_due date,
      revisited_at timestamptz,
      revisit_note text,
      revisited_by text,
      rectified_at timestamptz,
      rectify_note text,
      rectified_by text,
      UNIQUE (application_id, stage)
    )`,
    `CREATE INDEX ratings_division ON ratings (division_code, rated_at)`,
    `CREATE INDEX ratings_open_follow_ups ON ratings (rectify_due) WHERE rectify_due IS NOT NULL AND rectified_at IS NULL`,
    `CREATE TABLE rating_rules (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      body jsonb NOT NULL,
      updated_at timestamptz NOT NULL
    )`,
  ],
};
