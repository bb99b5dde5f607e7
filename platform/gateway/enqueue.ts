import type { Queryable } from '../database/types';

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
     JOIN gateway_connectors c ON c.enabled
       AND (jsonb_array_length(c.config->'divisions') = 0
            OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.config->'divisions') p WHERE a.division_code LIKE p || '%'))
     ON CONFLICT DO NOTHING`,
    [applications.map((a) => a.id), applications.map((a) => a.divisionCode), at],
  );
}
