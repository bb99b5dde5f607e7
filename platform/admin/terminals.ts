import type { TerminalRole } from '../../core/sync/protocol';
import type { PlatformContext } from '../context';
import { isoOrNull, isoOf } from '../database/types';
import { invalidInput, notFound } from '../errors';

/** One row of the fleet view IT staff watch (DESIGN.md §1). */
export interface TerminalSummary {
  id: string;
  divisionCode: string;
  role: TerminalRole;
  servicePointName: string;
  terminalNo: number;
  appVersion: string | null;
  queueDepth: number | null;
  invalidCount: number | null;
  freeDiskBytes: number | null;
  enrolledAt: string;
  lastSeenAt: string | null;
  lastSyncAt: string | null;
  auditAlert: boolean;
  disabled: boolean;
}

interface TerminalRow {
  id: string;
  division_code: string;
  role: TerminalRole;
  service_point_name: string;
  terminal_no: number;
  app_version: string | null;
  queue_depth: number | null;
  invalid_count: number | null;
  free_disk_bytes: string | null;
  enrolled_at: unknown;
  last_seen_at: unknown;
  last_sync_at: unknown;
  audit_alert: boolean;
  disabled: boolean;
  [key: string]: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listTerminals(ctx: PlatformContext): Promise<TerminalSummary[]> {
  const rows = await ctx.db.query<TerminalRow>(
    `SELECT id, division_code, role, service_point_name, terminal_no, app_version, queue_depth, invalid_count,
            free_disk_bytes::text AS free_disk_bytes, enrolled_at, last_seen_at, last_sync_at, audit_alert, disabled
     FROM terminals ORDER BY division_code, terminal_no`,
  );
  return rows.map((r) => ({
    id: r.id,
    divisionCode: r.division_code,
    role: r.role,
    servicePointName: r.service_point_name,
    terminalNo: r.terminal_no,
    appVersion: r.app_version,
    queueDepth: r.queue_depth,
    invalidCount: r.invalid_count,
    freeDiskBytes: r.free_disk_bytes === null ? null : Number(r.free_disk_bytes),
    enrolledAt: isoOf(r.enrolled_at),
    lastSeenAt: isoOrNull(r.last_seen_at),
    lastSyncAt: isoOrNull(r.last_sync_at),
    auditAlert: r.audit_alert,
    disabled: r.disabled,
  }));
}

/** A disabled terminal is refused on every signed request (TERMINAL_DISABLED); its data stays. */
export async function disableTerminal(ctx: PlatformContext, id: string): Promise<void> {
  if (!UUID.test(id)) throw invalidInput('终端编号格式不正确（应为UUID）');
  const rows = await ctx.db.query('UPDATE terminals SET disabled = true WHERE id = $1 RETURNING id', [id]);
  if (rows.length === 0) throw notFound(`没有编号为 ${id} 的终端`);
  ctx.log.warn({ terminalId: id }, 'terminal disabled');
}
