import { FLEET_FLAGS, FLEET_THRESHOLDS, type FleetFlag, type FleetTerminalView } from '../../core/admin/api';

/** What the flags are computed from: the terminal's last report and when the platform last heard from it. */
export type FlagInput = Pick<FleetTerminalView, 'lastHeartbeatAt' | 'enrolledAt' | 'conflicts' | 'freeDiskBytes' | 'disabled' | 'storeNotice'> & {
  clockSkewMs: number | null;
  auditAlert: boolean;
};

/**
 * The flags IT staff act on (thresholds in FLEET_THRESHOLDS, docs/operations.md). A disabled terminal is
 * not also called silent: nobody expects to hear from it.
 */
export function fleetFlags(t: FlagInput, now: Date): FleetFlag[] {
  const flags = new Set<FleetFlag>();
  const heardAt = Date.parse(t.lastHeartbeatAt ?? t.enrolledAt);
  if (!t.disabled && now.getTime() - heardAt > FLEET_THRESHOLDS.silentAfterMs) flags.add('silent');
  if (t.conflicts > 0) flags.add('conflicts');
  if (t.clockSkewMs !== null && Math.abs(t.clockSkewMs) > FLEET_THRESHOLDS.clockSkewMs) flags.add('clock_skew');
  if (t.freeDiskBytes !== null && t.freeDiskBytes < FLEET_THRESHOLDS.diskLowBytes) flags.add('disk_low');
  if (t.auditAlert) flags.add('audit_alert');
  if (t.storeNotice) flags.add('store_version');
  if (t.disabled) flags.add('disabled');
  return FLEET_FLAGS.filter((f) => flags.has(f));
}

export function countFlags(terminals: Pick<FleetTerminalView, 'flags'>[]): Record<FleetFlag, number> {
  const counts = Object.fromEntries(FLEET_FLAGS.map((f) => [f, 0])) as Record<FleetFlag, number>;
  for (const t of terminals) for (const f of t.flags) counts[f]++;
  return counts;
}
