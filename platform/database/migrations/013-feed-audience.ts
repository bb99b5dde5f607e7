import type { Migration } from './types';

/**
 * The feed costs what a terminal reads, not what the province wrote (issue #18): who may read each change is
 * written once, beside it, as audience rows keyed by the division that reads them, so a poll is an index range
 * scan of its own rows after its cursor (platform/routes/changes.ts). Before this, a poll filtered every change
 * after the cursor by division: a caught-up village re-read all the province's changes since its own last one.
 *
 * - a plain change at division D: one row (D, inherit): read by D's terminals and, through `inherit`, by every
 *   terminal below D (a catalog version at 000000000000 reaches everyone);
 * - an `exact` change at D (an account): one row (D, not inherit): D's terminals only;
 * - a `fan_up` change at D (a village's application): one row per division strictly above D that can have
 *   terminals (its township and county: terminals are enrolled at village, township and county level only,
 *   platform/admin/enrollment-codes.ts), not inherit.
 * A statement trigger writes them for every INSERT into changes (the ingest path, admin actions, migrations).
 */
const AUDIENCE_OF = (rows: string) => /* sql */ `
  SELECT a.audience, r.seq, NOT r.fan_up AND NOT r.exact
  FROM ${rows} r
  CROSS JOIN LATERAL (
    SELECT r.division_code::text AS audience WHERE NOT r.fan_up
    UNION
    SELECT p FROM unnest(ARRAY[rpad(left(r.division_code, 6), 12, '0'), rpad(left(r.division_code, 9), 12, '0')]) AS p
    WHERE r.fan_up AND p <> r.division_code
  ) a`;

export const FEED_AUDIENCE_MIGRATION: Migration = {
  version: 13,
  name: 'feed-audience',
  statements: [
    `CREATE TABLE change_audience (
      audience char(12) NOT NULL,
      seq bigint NOT NULL REFERENCES changes (seq),
      inherit boolean NOT NULL,
      PRIMARY KEY (audience, seq)
    )`,
    // What a terminal inherits from the divisions above it, apart: a province's fan-up rows (every
    // application of the province) would otherwise lie between a village and its province's broadcasts.
    `CREATE INDEX change_audience_inherited ON change_audience (audience, seq) WHERE inherit`,
    `INSERT INTO change_audience (audience, seq, inherit) ${AUDIENCE_OF('changes')}`,
    `CREATE FUNCTION changes_audience() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO change_audience (audience, seq, inherit) ${AUDIENCE_OF('new_changes')};
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER changes_audience AFTER INSERT ON changes REFERENCING NEW TABLE AS new_changes
     FOR EACH STATEMENT EXECUTE FUNCTION changes_audience()`,
  ],
};
