import { valuesRows } from '../database/values-rows';
import { gatewayEnqueueCte } from '../gateway/enqueue';
import { receivedChange } from './application-changes';
import type { IngestScope, Valid } from './scope';

const DUPLICATE_APPLICATION_REASON = '这件申请已由另一条消息报送到平台，本条不再重复接收';

/**
 * application.submitted → the projection, status 'sent', in one set-based INSERT whatever the batch size
 * (the bulk of all traffic). A second message for an application already there is DUPLICATE_APPLICATION.
 * The change carries the whole submission up to the township terminals.
 */
export async function storeSubmitted(scope: IngestScope, list: Valid<'application.submitted'>[]): Promise<void> {
  const firstForApplication = new Map<string, Valid<'application.submitted'>>();
  for (const s of list) {
    if (firstForApplication.has(s.body.applicationId)) scope.invalid(s.index, 'DUPLICATE_APPLICATION', DUPLICATE_APPLICATION_REASON);
    else firstForApplication.set(s.body.applicationId, s);
  }
  const rows = [...firstForApplication.values()];
  if (rows.length === 0) return;
  const input = valuesRows(
    ['::uuid', '', '', '', '', '', '', '::timestamptz', '::date', ''],
    rows.map((r) => [
      r.body.applicationId,
      r.body.divisionCode,
      r.body.receiptNo,
      r.body.itemCode,
      r.body.catalogVersion,
      r.body.resident.name,
      r.body.resident.idNumber,
      r.body.submittedAt,
      r.body.dueDate,
      r.text,
    ]),
    3,
  );
  // One statement: the rows, and the gateway's outbox rows of those that are new.
  const inserted = await scope.tx.query<{ id: string }>(
    `WITH a (id, division_code, receipt_no, item_code, catalog_version, resident_name, resident_id_number, submitted_at, due_date, body) AS (${input.sql}),
     fresh AS (
       INSERT INTO applications (id, division_code, terminal_id, receipt_no, item_code, catalog_version, status, resident_name,
                                 resident_id_number, submitted_at, due_date, body, received_at, updated_at)
       SELECT a.id, a.division_code, $1::uuid, a.receipt_no, a.item_code, a.catalog_version, 'sent', a.resident_name,
              a.resident_id_number, a.submitted_at, a.due_date, a.body::jsonb, $2::timestamptz, $2::timestamptz
       FROM a
       ON CONFLICT (id) DO NOTHING
       RETURNING id, division_code),
     gateway AS (${gatewayEnqueueCte('fresh', '$2::timestamptz')})
     SELECT id::text AS id FROM fresh`,
    [scope.terminal.id, scope.at, ...input.values],
  );
  const fresh = new Set(inserted.map((r) => r.id));
  const known = rows.filter((r) => !fresh.has(r.body.applicationId));
  // An application already there with this very submission: a resend after its message left the log (a
  // terminal restored from an old backup), answered as the duplicate it is. Anything else is a second message.
  const same =
    known.length === 0
      ? new Set<string>()
      : new Set(
          (
            await scope.tx.query<{ id: string }>(
              `SELECT a.id::text AS id FROM applications a JOIN unnest($1::uuid[], $2::text[]) AS k(id, body) ON k.id = a.id
               WHERE COALESCE(a.original_body, a.body) = k.body::jsonb AND a.terminal_id = $3`,
              [known.map((r) => r.body.applicationId), known.map((r) => r.text), scope.terminal.id],
            )
          ).map((r) => r.id),
        );
  for (const r of rows) {
    if (!fresh.has(r.body.applicationId)) {
      if (same.has(r.body.applicationId)) scope.duplicate(r.index);
      else scope.invalid(r.index, 'DUPLICATE_APPLICATION', DUPLICATE_APPLICATION_REASON);
      continue;
    }
    const { applicationId, receiptNo, divisionCode } = r.body;
    scope.accept(r, divisionCode, [
      receivedChange(divisionCode, { applicationId, receiptNo, status: 'sent', at: scope.at }, { withSubmission: true, origin: scope.terminal.id }),
    ]);
  }
}
