/** The protocol counts a statement's parameters in 16 bits. */
const MAX_PARAMETERS = 65_535;

/**
 * `VALUES ($1::uuid, $2, …), (…)` for `rows`, each value its own parameter, with `casts` per column ('' for
 * text). The ingest path's bulk inserts use it instead of `unnest` of arrays: a 500-row array of JSON bodies
 * is one string the driver escapes quote by quote and PostgreSQL parses back (19 ms of the event loop a batch,
 * against 8 ms this way; docs/decisions.md).
 * `first` is the number of the first parameter (after the statement's shared ones).
 */
export function valuesRows(casts: readonly string[], rows: readonly (readonly unknown[])[], first = 1): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    const cells: string[] = [];
    for (let i = 0; i < row.length; i++) {
      values.push(row[i]);
      cells.push(`$${first + values.length - 1}${casts[i] ?? ''}`);
    }
    tuples.push(`(${cells.join(', ')})`);
  }
  if (values.length + first - 1 > MAX_PARAMETERS) throw new Error(`${values.length} parameters: a statement takes at most ${MAX_PARAMETERS}`);
  return { sql: `VALUES ${tuples.join(', ')}`, values };
}
