import type { ApplicationSubmitted } from '../../core/sync/messages';
import { divisionNames } from '../admin/divisions';
import type { PlatformDb, Queryable } from '../database/types';
import { loadCatalogVersions } from '../ingest/catalog-check';
import type { ConnectorConfig, RecordField } from './config';

/** What one row of gateway_outbox hands over: the application as first received and where it came from. */
export type HandoverRow = {
  application_id: string;
  division_code: string;
  receipt_no: string;
  received_at: string;
  submission: ApplicationSubmitted;
  service_point_name: string;
};

const MATERIAL_FORM = { original: '原件', copy: '复印件', original_and_copy: '原件及复印件' } as const;

/** The applications of `ids` with their terminal's service point, as delivery needs them. */
export async function handoverRows(db: Queryable, ids: readonly string[]): Promise<HandoverRow[]> {
  return db.query<HandoverRow>(
    `SELECT a.id::text AS application_id, a.division_code, a.receipt_no, to_char(a.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at,
            COALESCE(a.original_body, a.body) AS submission, t.service_point_name
     FROM applications a JOIN terminals t ON t.id = a.terminal_id WHERE a.id = ANY($1::uuid[])`,
    [ids],
  );
}

/**
 * The 办件 record of each application (every RECORD_FIELDS name), from the submission, the catalog version it
 * came under and the division list; names where the platform knows them, the code where it does not.
 */
export async function handoverRecords(db: PlatformDb, rows: readonly HandoverRow[]): Promise<Map<string, Record<RecordField, unknown>>> {
  const catalogs = await loadCatalogVersions(
    db,
    rows.map((r) => r.submission.catalogVersion),
  );
  const names = await divisionNames(db, [...new Set(rows.map((r) => r.division_code))]);
  const records = new Map<string, Record<RecordField, unknown>>();
  for (const r of rows) {
    const s = r.submission;
    const item = catalogs.get(s.catalogVersion)?.items.find((i) => i.code === s.itemCode);
    records.set(r.application_id, {
      applicationId: r.application_id,
      receiptNo: r.receipt_no,
      itemCode: s.itemCode,
      implementationCode: item?.implementationCode ?? null,
      itemName: item?.name ?? s.itemCode,
      itemType: item?.type ?? null,
      department: item?.department ?? null,
      implementingAgency: item?.implementingAgency ?? null,
      catalogVersion: s.catalogVersion,
      applicantName: s.resident.name,
      applicantIdType: '居民身份证',
      applicantIdNumber: s.resident.idNumber,
      applicantPhone: s.resident.phone ?? null,
      applicantAddress: s.resident.address ?? null,
      divisionCode: r.division_code,
      divisionName: names.get(r.division_code) ?? r.division_code,
      servicePointName: r.service_point_name,
      cadreName: s.cadre.name,
      submittedAt: s.submittedAt,
      acceptedAt: r.received_at,
      promisedDays: item?.promisedDays ?? null,
      dueDate: s.dueDate,
      materials: (item?.materials ?? []).map((m) => ({
        name: m.name,
        form: MATERIAL_FORM[m.form],
        count: m.count,
        required: m.required,
        received: s.materials[m.key]?.received ?? false,
      })),
      attachments: s.attachments.map((a) => ({ fileName: a.fileName, sha256: a.sha256, size: a.size, mimeType: a.mimeType })),
      form: s.form,
    });
  }
  return records;
}

/** The record under the external system's names (the connector's field map). */
export function mapRecord(config: Pick<ConnectorConfig, 'fields'>, record: Record<RecordField, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config.fields).map(([external, field]) => [external, record[field]]));
}
