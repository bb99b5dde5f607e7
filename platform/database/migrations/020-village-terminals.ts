import type { Migration } from './types';

/**
 * Several terminals in one village, and a replacement PC that recovers the village (issue #16,
 * docs/village-terminals.md). What a village terminal causes about its applications, handover lists, ratings
 * and residents now reaches the village's other terminals too, never the terminal that caused it:
 *
 * - `changes.also_own`: a fan_up change is also for the terminals of its own division (the village);
 * - `changes.origin_terminal`: the terminal whose message caused the change;
 * - `change_audience.skip_terminal`: on the audience row of the change's own division, that terminal, which has
 *   what the change says already (a village with one PC downloads nothing more than before).
 *
 * Changes written before this migration that a village's other terminals need (its applications as received,
 * its handover lists, its ratings) get the village's audience row now, so a PC enrolled later recovers them.
 * Every terminal enrolled before reads past them already (their seq is behind its cursor).
 */
const AUDIENCE_OF = (rows: string) => /* sql */ `
  SELECT a.audience, r.seq, a.inherit, a.skip
  FROM ${rows} r
  CROSS JOIN LATERAL (
    SELECT r.division_code::text AS audience, NOT r.fan_up AND NOT r.exact AS inherit, r.origin_terminal AS skip
    WHERE NOT r.fan_up OR r.also_own
    UNION
    SELECT p, false, NULL::uuid FROM unnest(ARRAY[rpad(left(r.division_code, 6), 12, '0'), rpad(left(r.division_code, 9), 12, '0')]) AS p
    WHERE r.fan_up AND p <> r.division_code
  ) a`;

export const VILLAGE_TERMINALS_MIGRATION: Migration = {
  version: 20,
  name: 'village-terminals',
  statements: [
    `ALTER TABLE changes ADD COLUMN also_own boolean NOT NULL DEFAULT false`,
    `ALTER TABLE changes ADD COLUMN origin_terminal uuid`,
    `ALTER TABLE change_audience ADD COLUMN skip_terminal uuid`,
    // A poll's "the last change of my own after my cursor" (platform/routes/changes.ts) is one index probe.
    `CREATE INDEX change_audience_skip ON change_audience (audience, skip_terminal, seq) WHERE skip_terminal IS NOT NULL`,
    `CREATE OR REPLACE FUNCTION changes_audience() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO change_audience (audience, seq, inherit, skip_terminal) ${AUDIENCE_OF('new_changes')};
       RETURN NULL;
     END $$`,
    // Village-level divisions only (the last three digits name the village): a township's own fan_up rows stay as they were.
    `UPDATE changes SET also_own = true
     WHERE fan_up AND kind IN ('application.received', 'handover.listed', 'rating.received') AND right(division_code, 3) <> '000'`,
    `INSERT INTO change_audience (audience, seq, inherit, skip_terminal)
     SELECT division_code, seq, false, NULL FROM changes WHERE also_own
     ON CONFLICT (audience, seq) DO NOTHING`,
  ],
};
