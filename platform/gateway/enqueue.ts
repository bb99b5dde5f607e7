import type { Queryable } from '../database/types';

/** Connector `c` serves application `a`: its division prefixes match (`[]`: every division). */
const SERVES = `(jsonb_array_length(c.config->'divisions') = 0
  OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.config->'divisions') p WHERE a.division_code LIKE p || '%'))`;

/**
 * The gateway's outbox rows of newly accepted applications, as a data-modifying CTE over `source` (a CTE of
 * the statement that inserts them, with `id` and `division_code`): one per enabled connector whose division
 * prefixes match (`[]`: all), so an application is never accepted without them and costs no statement of its
 * own. Nothing to join when no connector is configured. `at` is the statement's parameter for the time.
 */
export function gatewayEnqueueCte(source: string, at: string): string {
  return `INSERT INTO gateway_outbox (connector, application_id, created_at, next_attempt_at)
     SELECT c.name, a.id, ${at}, ${at}
     FROM ${source} a
     JOIN gateway_connectors c ON c.enabled AND ${SERVES}
     ON CONFLICT DO NOTHING`;
}

/**
 * The applications accepted before a connector existed, queued for it (`gateway backfill`): each once, whatever
 * was delivered already stays delivered. Returns how many were queued.
 */
export async function backfillGateway(db: Queryable, connector: string, at: string): Promise<number> {
  const rows = await db.query(
    `INSERT INTO gateway_outbox (connector, application_id, created_at, next_attempt_at)
     SELECT c.name, a.id, $2, $2
     FROM applications a
     JOIN gateway_connectors c ON c.name = $1 AND ${SERVES}
     ON CONFLICT DO NOTHING
     RETURNING 1`,
    [connector, at],
  );
  return rows.length;
}
