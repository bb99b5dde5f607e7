import assert from 'node:assert/strict';
import { countPending } from '../../db';
import type { Station } from '../../station/station';
import { loadEnrollment } from '../../station/sync/enrollment';
import { PlatformClient } from '../../station/sync/http-client';
import { ServerClock } from '../../station/sync/server-clock';

/**
 * The heartbeat the agent sends at the end of a run, sent now, outside one: the platform's last word from a PC
 * whose outbox cannot go up (it is about to die with what it holds).
 */
export async function lastHeartbeat(station: Station): Promise<void> {
  const e = loadEnrollment(station.ctx.db)!;
  const client = new PlatformClient({
    baseUrl: e.platformUrl,
    fetch,
    serverClock: new ServerClock(station.ctx.clock, 0),
    identity: { terminalId: e.terminalId, signer: e.signer },
    timeoutMs: 10_000,
  });
  const res = await client.call({
    method: 'POST',
    path: '/v1/heartbeat',
    json: { appVersion: '0.1.0', queueDepth: countPending(station.ctx.db), invalidCount: 0, lastSyncAt: null, freeDiskBytes: null, auditHead: null },
  });
  assert.equal(res.status, 200);
}

/**
 * A village terminal's working state, in a form two terminals can be compared by (issue #16): residents and
 * households by ID number (each PC has its own row ids), applications with their materials, scans,
 * decisions, notices and history's kinds, handover lists, ratings. Drafts are this PC's own and are left out.
 */
/** JSON with its object keys sorted: the platform's jsonb does not keep the order a form was written in. */
function canonical(json: string): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  return JSON.stringify(sort(JSON.parse(json)));
}

export function villageState(station: Station) {
  const db = station.ctx.db;
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  return {
    residents: all(`SELECT id_number, name, gender, birth_date, phone, address FROM residents ORDER BY id_number`),
    households: all<{ head: string; members: string }>(
      `SELECT (SELECT id_number FROM residents WHERE id = h.head_id) AS head,
              (SELECT group_concat(r.id_number || ':' || m.relation, ',') FROM household_members m JOIN residents r ON r.id = m.resident_id
               WHERE m.household_id = h.id ORDER BY m.position) AS members
       FROM households h ORDER BY head`,
    ),
    applications: all<{ id: string; form: string; scans: string | null }>(
      `SELECT a.id, a.receipt_no, a.item_code, a.catalog_version, a.status, a.form, a.submitted_at, a.due_date, r.id_number,
              (SELECT group_concat(material_key || '=' || received || '/' || count, ',') FROM
                 (SELECT * FROM application_materials WHERE application_id = a.id ORDER BY material_key)) AS materials,
              (SELECT group_concat(sha256, ',') FROM (SELECT sha256 FROM attachments WHERE application_id = a.id ORDER BY sha256)) AS scans
       FROM applications a JOIN residents r ON r.id = a.resident_id WHERE a.status <> 'draft' ORDER BY a.id`,
    ).map((x) => ({ ...x, form: canonical(x.form) })),
    decisions: all(`SELECT id, application_id, decision, reason, reviewer_name, decided_at FROM decisions ORDER BY id`),
    handovers: all(
      `SELECT l.id, l.list_no, l.confirmed_at, (SELECT group_concat(receipt_no, ',') FROM (SELECT receipt_no FROM handover_items WHERE list_id = l.id ORDER BY receipt_no)) AS items
       FROM handover_lists l ORDER BY l.id`,
    ),
    ratings: all(`SELECT id, application_id, stage, level FROM ratings ORDER BY id`),
  };
}
