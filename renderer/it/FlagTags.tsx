import { Tag, Typography } from 'antd';
import { FLEET_FLAG_LABELS, type AuditFindingView, type FleetFlag } from '../../core/admin/api';
import type { StoreNotice } from '../../core/sync/protocol';
import { AUDIT_FINDING_LABEL } from '../../core/sync/audit';
import { FLAG_COLOR } from './labels';

/**
 * A terminal's problems as coloured tags (none is a green 正常), and in words what was found in its audit log and
 * what happened to its store across versions (a downgrade refused, a rollback to a backup).
 */
export function FlagTags({
  flags,
  auditFindings = [],
  storeNotice = null,
}: {
  flags: FleetFlag[];
  auditFindings?: AuditFindingView[];
  storeNotice?: StoreNotice | null;
}) {
  if (flags.length === 0) return <Tag color="green">正常</Tag>;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {flags.map((f) => (
        <Tag key={f} color={FLAG_COLOR[f]} style={{ marginInlineEnd: 0 }}>
          {FLEET_FLAG_LABELS[f]}
        </Tag>
      ))}
      {auditFindings.map((a) => (
        <Typography.Text key={`${a.kind}-${a.seq}`} type="danger" style={{ fontSize: 13, width: '100%' }}>
          {AUDIT_FINDING_LABEL[a.kind]}：{a.detail}
        </Typography.Text>
      ))}
      {storeNotice && (
        <Typography.Text type="warning" style={{ fontSize: 13, width: '100%' }}>
          {storeNotice.message}
        </Typography.Text>
      )}
    </span>
  );
}
