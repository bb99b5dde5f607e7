import type { Queryable } from './database/types';
import { valuesRows } from './database/values-rows';

export interface NewChange {
  kind: string;
  divisionCode: string;
  /** For the terminals above the division instead of its own (a township sees its villages' applications). */
  fanUp: boolean;
  /** For the terminals of exactly this division, not the ones below it (accounts: their hashes go nowhere else). */
  exact?: boolean;
  /** A fan_up change that is for the terminals of its own division (the village's other terminals) as well. */
  alsoOwn?: boolean;
  /** The terminal whose message caused it: the only one of its own division that does not read it (migration 20). */
  origin?: string;
  body: unknown;
  /**
   * application.received only: the feed adds the application's submission as first received
   * (`applications.original_body`, else `body`) to `body` when it is read, instead of storing a copy.
   */
  submissionOf?: string;
}

/**
 * Held from taking a seq until COMMIT, so changes become visible in seq order: without it a reader could
 * see seq 7 committed before seq 6 and step its cursor past 6 forever.
 */
const CHANGE_WRITER_LOCK = 4_640_302;

/** Appends changes inside the caller's transaction, 2,000 a statement. */
export async function appendChanges(tx: Queryable, changes: NewChange[], at: string): Promise<void> {
  if (changes.length === 0) return;
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_WRITER_LOCK]);
  // A statement takes at most 65,535 parameters: a province's divisions publish thousands of changes at once.
  for (let from = 0; from < changes.length; from += CHANGES_PER_STATEMENT) await insertChanges(tx, changes.slice(from, from + CHANGES_PER_STATEMENT), at);
}

const CHANGES_PER_STATEMENT = 2_000;

async function insertChanges(tx: Queryable, changes: NewChange[], at: string): Promise<void> {
  const rows = valuesRows(
    ['::int', '', '', '::boolean', '::boolean', '', '::uuid', '::boolean', '::uuid'],
    changes.map((c, n) => [
      n,
      c.kind,
      c.divisionCode,
      c.fanUp,
      c.exact === true,
      JSON.stringify(c.body),
      c.submissionOf ?? null,
      c.alsoOwn === true,
      c.origin ?? null,
    ]),
    2,
  );
  await tx.query(
    `INSERT INTO changes (kind, division_code, fan_up, exact, body, submission_of, created_at, also_own, origin_terminal)
     SELECT c.kind, c.division_code, c.fan_up, c.exact, c.body::jsonb, c.submission_of, $1::timestamptz, c.also_own, c.origin
     FROM (${rows.sql}) AS c(n, kind, division_code, fan_up, exact, body, submission_of, also_own, origin)
     ORDER BY c.n`,
    [at, ...rows.values],
  );
}
