import type { TerminalRole } from '../../core/sync/protocol';
import type { AuditFindingView, FleetReport, FleetTerminalView } from '../../core/admin/api';
import type { AuditFindingKind } from '../../core/sync/audit';
import { divisionPrefix, parseDivisionCode } from '../../core/division';
import type { PlatformContext } from '../context';
import { isoOf, isoOrNull } from '../database/types';
import { invalidInput } from '../errors';
import { countFlags, fleetFlags } from './flags';

export interface FleetQuery {
  /** A division code (2 to 12 digits): only the terminals inside it. Absent: the whole province's platform. */
  division?: string;
  /** Only terminals with at least one flag (flagCounts still count those shown). */
  flaggedOnly?: boolean;
}

interface FleetRow {
  id: string;
  division_code: string;
  division_name: string | null;
  role: TerminalRole;
  service_point_name: string;
  channel: string;
  app_version: string | null;
  enrolled_at: unknown;
  last_seen_at: unknown;
  last_sync_at: unknown;
  queue_depth: number | null;
  invalid_count: number | null;
  free_disk_bytes: string | null;
  clock_skew_ms: string | null;
  audit_alert: boolean;
  store_notice: FleetTerminalView['storeNotice'];
  disabled: boolean;
  conflicts: number;
  diagnostics_at: unknown;
  diagnostics_requested_at: unknown;
  [key: string]: unknown;
}

/** The digits a terminal's division must start with: '360781' for 360781 or 360781000000. */
export function fleetPrefix(division: string): string {
  const parsed = parseDivisionCode(division);
  if (!parsed.ok) throw invalidInput(parsed.message);
  return divisionPrefix(parsed.value.code);
}

/** The newest findings on each terminal's audit chain (platform/ingest/store-audit.ts), five each. */
async function auditFindingsOf(ctx: PlatformContext, terminalIds: string[]): Promise<Map<string, AuditFindingView[]>> {
  const byTerminal = new Map<string, AuditFindingView[]>();
  if (terminalIds.length === 0) return byTerminal;
  const rows = await ctx.db.query<{ terminal_id: string; kind: AuditFindingKind; seq: string; detail: string; found_at: unknown }>(
    `SELECT terminal_id::text AS terminal_id, kind, seq::text AS seq, detail, found_at FROM (
       SELECT f.*, row_number() OVER (PARTITION BY terminal_id ORDER BY found_at DESC, id DESC) AS n FROM audit_findings f
       WHERE terminal_id = ANY($1::uuid[])) x
     WHERE n <= 5 ORDER BY found_at DESC, id DESC`,
    [terminalIds],
  );
  for (const r of rows) {
    const list = byTerminal.get(r.terminal_id) ?? [];
    list.push({ kind: r.kind, seq: Number(r.seq), detail: r.detail, foundAt: isoOf(r.found_at) });
    byTerminal.set(r.terminal_id, list);
  }
  return byTerminal;
}

/**
 * Every terminal (inside a division) with what its last heartbeat said, its conflicts, update channel and
 * diagnostics, and the flags IT staff act on. bigint columns come as text (the two drivers differ).
 */
export async function fleetReport(ctx: PlatformContext, q: FleetQuery = {}): Promise<FleetReport> {
  const prefix = q.division === undefined ? '' : fleetPrefix(q.division);
  const rows = await ctx.db.query<FleetRow>(
    `SELECT t.id::text AS id, t.division_code, d.name AS division_name, t.role, t.service_point_name, t.update_channel AS channel, t.app_version,
            t.enrolled_at, t.last_seen_at, t.last_sync_at, t.queue_depth, t.invalid_count,
            t.free_disk_bytes::text AS free_disk_bytes, t.clock_skew_ms::text AS clock_skew_ms, t.audit_alert, t.store_notice, t.disabled,
            (SELECT count(*)::int FROM conflicts c WHERE c.terminal_id = t.id) AS conflicts,
            (SELECT max(b.received_at) FROM diagnostics_bundles b WHERE b.terminal_id = t.id) AS diagnostics_at,
            (SELECT r.requested_at FROM diagnostics_requests r WHERE r.terminal_id = t.id AND r.fulfilled_at IS NULL) AS diagnostics_requested_at
     FROM terminals t LEFT JOIN divisions d ON d.code = t.division_code
     WHERE t.division_code LIKE $1
     ORDER BY t.division_code, t.terminal_no`,
    [`${prefix}%`],
  );
  const now = ctx.now();
  const findings = await auditFindingsOf(
    ctx,
    rows.filter((r) => r.audit_alert).map((r) => r.id),
  );
  const all = rows.map((r): FleetTerminalView => {
    const skewMs = r.clock_skew_ms === null ? null : Number(r.clock_skew_ms);
    const view: Omit<FleetTerminalView, 'flags'> = {
      id: r.id,
      servicePointName: r.service_point_name,
      divisionCode: r.division_code,
      divisionName: r.division_name,
      role: r.role,
      channel: r.channel,
      appVersion: r.app_version,
      enrolledAt: isoOf(r.enrolled_at),
      lastHeartbeatAt: isoOrNull(r.last_seen_at),
      lastSyncAt: isoOrNull(r.last_sync_at),
      queueDepth: r.queue_depth,
      invalidCount: r.invalid_count,
      freeDiskBytes: r.free_disk_bytes === null ? null : Number(r.free_disk_bytes),
      clockSkewSeconds: skewMs === null ? null : Math.round(skewMs / 1000),
      conflicts: r.conflicts,
      disabled: r.disabled,
      diagnosticsAt: isoOrNull(r.diagnostics_at),
      diagnosticsRequestedAt: isoOrNull(r.diagnostics_requested_at),
      auditFindings: findings.get(r.id) ?? [],
      storeNotice: r.store_notice ?? null,
    };
    return { ...view, flags: fleetFlags({ ...view, clockSkewMs: skewMs, auditAlert: r.audit_alert }, now) };
  });
  const terminals = q.flaggedOnly ? all.filter((t) => t.flags.length > 0) : all;
  return { generatedAt: now.toISOString(), terminals, flagCounts: countFlags(terminals) };
}
