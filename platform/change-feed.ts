import type { Queryable } from './database/types';

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

/** Appends changes inside the caller's transaction, in one statement. */
export async function appendChanges(tx: Queryable, changes: NewChange[], at: string): Promise<void> {
  if (changes.length === 0) return;
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_WRITER_LOCK]);
  await tx.query(
    `INSERT INTO changes (kind, division_code, fan_up, exact, body, submission_of, created_at, also_own, origin_terminal)
     SELECT c.kind, c.division_code, c.fan_up, c.exact, c.body::jsonb, c.submission_of, $5, c.also_own, c.origin
     FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[], $6::uuid[], $7::boolean[], $8::boolean[], $9::uuid[])
       WITH ORDINALITY AS c(kind, division_code, fan_up, body, submission_of, exact, also_own, origin, n)
     ORDER BY c.n`,
    [
      changes.map((c) => c.kind),
      changes.map((c) => c.divisionCode),
      changes.map((c) => c.fanUp),
      changes.map((c) => JSON.stringify(c.body)),
      at,
      changes.map((c) => c.submissionOf ?? null),
      changes.map((c) => c.exact === true),
      changes.map((c) => c.alsoOwn === true),
      changes.map((c) => c.origin ?? null),
    ],
  );
}
