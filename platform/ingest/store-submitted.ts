import { enqueueForGateway } from '../gateway/enqueue';
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
  const inserted = await scope.tx.query<{ id: string }>(
    `INSERT INTO applications (id, division_code, terminal_id, receipt_no, item_code, catalog_version, status, resident_name,
                               resident_id_number, submitted_at, due_date, body, received_at, updated_at)
     SELECT a.id, a.division_code, $10, a.receipt_no, a.item_code, a.catalog_version, 'sent', a.resident_name,
            a.resident_id_number, a.submitted_at, a.due_date, a.body::jsonb, $11, $11
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::date[], $12::text[])
       AS a(id, division_code, receipt_no, item_code, catalog_version, resident_name, resident_id_number, submitted_at, due_date, body)
     ON CONFLICT (id) DO NOTHING
     RETURNING id::text AS id`,
    [
      rows.map((r) => r.body.applicationId),
      rows.map((r) => r.body.divisionCode),
      rows.map((r) => r.body.receiptNo),
      rows.map((r) => r.body.itemCode),
      rows.map((r) => r.body.catalogVersion),
      rows.map((r) => r.body.resident.name),
      rows.map((r) => r.body.resident.idNumber),
      rows.map((r) => r.body.submittedAt),
      rows.map((r) => r.body.dueDate),
      scope.terminal.id,
      scope.at,
      rows.map((r) => r.text),
    ],
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
  await enqueueForGateway(
    scope.tx,
    rows.filter((r) => fresh.has(r.body.applicationId)).map((r) => ({ id: r.body.applicationId, divisionCode: r.body.divisionCode })),
    scope.at,
  );
}
