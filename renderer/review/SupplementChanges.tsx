import { Card, Tag } from 'antd';
import type { ReviewDetailView } from '../../core/api/views';
import { showDateTime } from '../shared/time';

const HOW: Record<'changed' | 'attached' | 'unavailable', { text: string; color: string }> = {
  changed: { text: '已更正', color: 'green' },
  attached: { text: '已补交扫描件', color: 'green' },
  unavailable: { text: '居民无法提供', color: 'orange' },
};

/** A value as a reviewer reads it in one line: tables as their row count, nothing as —. */
function shown(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return `${v.length}行`;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** 本次补正: how each asked item was answered, then what changed against the version reviewed before. */
export function SupplementChanges({ app }: { app: ReviewDetailView }) {
  const s = app.lastSupplement;
  if (!s) return null;
  const fieldLabel = (key: string) => app.item.form.fields.find((f) => f.key === key)?.label ?? key;
  const materialName = (key: string) => app.item.materials.find((m) => m.key === key)?.name ?? key;
  const asked = [...app.decisions].reverse().find((d) => d.decision === 'request_supplement')?.supplement?.items ?? [];
  const { diff } = s;
  const nothing = diff.fields.length + diff.materials.length + diff.scansAdded.length + diff.scansRemoved.length === 0;
  return (
    <Card size="small" title={`本次补正（${showDateTime(s.supplementedAt)}）`} style={{ marginBottom: 12, borderColor: '#91caff' }}>
      {s.responses && s.responses.length > 0 && (
        <ul aria-label="逐项补正情况" style={{ margin: '0 0 8px', paddingLeft: 20 }}>
          {s.responses.map((r) => (
            <li key={`${r.kind}:${r.key}`}>
              {asked.find((i) => i.kind === r.kind && i.key === r.key)?.label ?? (r.kind === 'field' ? fieldLabel(r.key) : materialName(r.key))}：
              <Tag color={HOW[r.how].color}>{r.how === 'changed' && r.kind === 'material' ? '已补交' : HOW[r.how].text}</Tag>
              {r.note ? <span>原因：{r.note}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {nothing ? (
        <span className="muted">与上次提交相比没有改动。</span>
      ) : (
        <ul aria-label="与上次提交相比的改动" style={{ margin: 0, paddingLeft: 20 }}>
          {diff.fields.map((f) => (
            <li key={`f:${f.key}`}>
              {fieldLabel(f.key)}：<s className="muted">{shown(f.before)}</s> → <b>{shown(f.after)}</b>
            </li>
          ))}
          {diff.materials.map((m) => (
            <li key={`m:${m.key}`}>
              {materialName(m.key)}：{m.after?.received ? `已收到${m.after.count}份` : '未收到'}
              <span className="muted">（原为{m.before?.received ? `已收到${m.before.count}份` : '未收到'}）</span>
            </li>
          ))}
          {diff.scansAdded.length > 0 && <li>新增扫描件：{diff.scansAdded.map((a) => a.fileName).join('、')}</li>}
          {diff.scansRemoved.length > 0 && <li>删除扫描件：{diff.scansRemoved.map((a) => a.fileName).join('、')}</li>}
        </ul>
      )}
      {s.note ? <div style={{ marginTop: 8 }}>补正说明：{s.note}</div> : null}
    </Card>
  );
}
