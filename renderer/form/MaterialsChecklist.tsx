import { Button, Checkbox, InputNumber, Tag } from 'antd';
import { focusNextNeeded } from './move-on-enter';
import type { Material, ReceivedMaterials } from '../../core/catalog/model';
import { MATERIAL_FORM_LABEL } from '../../core/catalog/model';

interface Props {
  materials: Material[];
  received: ReceivedMaterials;
  errors: Record<string, string>;
  onChange(next: ReceivedMaterials): void;
}

/** The paper materials the resident handed over: tick what was received and how many copies. */
export function MaterialsChecklist({ materials, received, errors, onChange }: Props) {
  const set = (key: string, patch: Partial<{ received: boolean; count: number }>, fallbackCount: number) => {
    const before = received[key] ?? { received: false, count: fallbackCount };
    onChange({ ...received, [key]: { ...before, ...patch } });
  };
  const required = materials.filter((m) => m.required);
  const missing = required.filter((m) => !received[m.key]?.received);
  const tickAll = () => {
    const next = { ...received };
    for (const m of required) next[m.key] = { received: true, count: Math.max(next[m.key]?.count ?? 0, m.count) };
    onChange(next);
    focusNextNeeded('all');
  };
  return (
    <>
      {missing.length > 1 && (
        <Button size="small" block data-all-materials onClick={tickAll} style={{ marginBottom: 6 }}>
          必需的{required.length}项材料都已收到
        </Button>
      )}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="申请材料">
        {materials.map((m) => {
          const r = received[m.key] ?? { received: false, count: m.count };
          const error = errors[`materials.${m.key}`];
          return (
            <li key={m.key} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }} data-material={m.key} data-material-required={m.required}>
              <div style={{ display: 'flex', alignItems: 'flex-start', gap: 8 }}>
                <Checkbox
                  checked={r.received}
                  onChange={(e) => set(m.key, { received: e.target.checked }, m.count)}
                  onKeyDown={(e) => {
                    // Enter: "received", and on to the next material still needed (or the next step).
                    if (e.key !== 'Enter') return;
                    e.preventDefault();
                    if (!r.received) set(m.key, { received: true }, m.count);
                    focusNextNeeded(m.key);
                  }}
                  style={{ flex: 1, fontSize: 15 }}
                >
                  {m.required ? <span style={{ color: '#d4380d' }}>* </span> : null}
                  {m.name}
                  <Tag style={{ marginInlineStart: 6, fontSize: 12 }} color={m.form === 'copy' ? 'default' : 'blue'}>
                    {MATERIAL_FORM_LABEL[m.form]}
                  </Tag>
                  {!m.required ? (
                    <span className="muted" style={{ fontSize: 13 }}>
                      （如有）
                    </span>
                  ) : null}
                </Checkbox>
                <InputNumber
                  aria-label={`${m.name}份数`}
                  min={0}
                  max={99}
                  precision={0}
                  value={r.count}
                  onChange={(v) => set(m.key, { count: typeof v === 'number' ? v : 0 }, m.count)}
                  disabled={!r.received}
                  suffix="份"
                  size="small"
                  style={{ width: 76 }}
                />
              </div>
              {m.note ? (
                <div className="muted" style={{ fontSize: 13, paddingLeft: 24 }}>
                  {m.note}
                </div>
              ) : null}
              {error ? (
                <div className="cell-error" style={{ paddingLeft: 24 }} role="alert">
                  {error}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
