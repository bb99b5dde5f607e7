import { Tag } from 'antd';
import { FLEET_FLAG_LABELS, type FleetFlag } from '../../core/admin/api';
import { FLAG_COLOR } from './labels';

/** A terminal's problems as coloured tags; none is a green 正常. */
export function FlagTags({ flags }: { flags: FleetFlag[] }) {
  if (flags.length === 0) return <Tag color="green">正常</Tag>;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {flags.map((f) => (
        <Tag key={f} color={FLAG_COLOR[f]} style={{ marginInlineEnd: 0 }}>
          {FLEET_FLAG_LABELS[f]}
        </Tag>
      ))}
    </span>
  );
}
