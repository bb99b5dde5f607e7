import { Progress } from 'antd';

export interface Bar {
  key: string;
  label: string;
  count: number;
  color?: string;
}

/** A horizontal bar chart: one row per entry, bars scaled to the largest, the count at the end. */
export function BarList({ bars, empty, unit = '件' }: { bars: Bar[]; empty: string; unit?: string }) {
  if (bars.length === 0) return <div className="muted">{empty}</div>;
  const max = Math.max(1, ...bars.map((b) => b.count));
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} role="list">
      {bars.map((b) => (
        <li key={b.key} style={{ display: 'grid', gridTemplateColumns: '9em 1fr 4em', alignItems: 'center', gap: 8, padding: '3px 0' }}>
          <span title={b.label} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: 14 }}>
            {b.label}
          </span>
          <Progress percent={(b.count / max) * 100} showInfo={false} strokeColor={b.color ?? '#1677ff'} size={{ height: 14 }} aria-hidden />
          <span style={{ textAlign: 'right', fontWeight: 600 }}>
            {b.count}
            {unit}
          </span>
        </li>
      ))}
    </ul>
  );
}
