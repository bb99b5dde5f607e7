import type { Queryable } from '../database/types';

/** Connector `c` serves application `a`: its division prefixes match (`[]`: every division). */
const SERVES = `(jsonb_array_length(c.config->'divisions') = 0
  OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.config->'divisions') p WHERE a.division_code LIKE p || '%'))`;

/**
 * The gateway's outbox rows of newly accepted applications, in their ingest transaction: one per enabled
 * connector whose division prefixes match (`[]`: all), so an application is never accepted without them.
 * A statement with nothing to join when no connector is configured.
 */
export async function enqueueForGateway(tx: Queryable, applications: { id: string; divisionCode: string }[], at: string): Promise<void> {
  if (applications.length === 0) return;
  await tx.query(
    `INSERT INTO gateway_outbox (connector, application_id, created_at, next_attempt_at)
     SELECT c.name, a.id, $3, $3
     FROM unnest($1::uuid[], $2::text[]) AS a(id, division_code)
     JOIN gateway_connectors c ON c.enabled AND ${SERVES}
     ON CONFLICT DO NOTHING`,
    [applications.map((a) => a.id), applications.map((a) => a.divisionCode), at],
  );
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
