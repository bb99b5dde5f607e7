import { Checkbox, Input } from 'antd';
import type { SupplementItem } from '../../core/sync/messages';

/** askedKey (core/supplement-diff.ts) → the reason, for each asked item the resident cannot provide. */
export type Unavailable = Record<string, string>;

const keyOf = (i: SupplementItem) => `${i.kind}:${i.key}`;

/**
 * The items the township asked for, each with 居民无法提供: ticked, it takes the reason instead of a change.
 * Every item must be changed, scanned or ticked with a reason before the supplement goes (the station checks).
 */
export function UnavailableItems({ items, value, onChange }: { items: SupplementItem[]; value: Unavailable; onChange(next: Unavailable): void }) {
  const set = (k: string, reason: string | null) => {
    const next = { ...value };
    if (reason === null) delete next[k];
    else next[k] = reason;
    onChange(next);
  };
  return (
    <ol style={{ margin: 0, paddingLeft: 22 }} aria-label="需要补正的内容">
      {items.map((i) => {
        const k = keyOf(i);
        const ticked = k in value;
        return (
          <li key={k} style={{ marginBottom: 4 }}>
            <strong>{i.label}</strong>
            <span className="muted">（{i.kind === 'material' ? '材料' : '填写内容'}）</span>：{i.problem}
            <Checkbox style={{ marginLeft: 12 }} checked={ticked} onChange={(e) => set(k, e.target.checked ? '' : null)}>
              居民无法提供
            </Checkbox>
            {ticked && (
              <Input
                aria-label={`${i.label}无法提供的原因`}
                placeholder="请写明原因，如：户口簿遗失，正在补办"
                value={value[k]}
                onChange={(e) => set(k, e.target.value)}
                maxLength={200}
                style={{ marginTop: 4 }}
                autoFocus
              />
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The reasons as applications.supplement takes them. */
export function unavailableList(items: SupplementItem[], value: Unavailable): { kind: SupplementItem['kind']; key: string; note: string }[] {
  return items.filter((i) => keyOf(i) in value).map((i) => ({ kind: i.kind, key: i.key, note: (value[keyOf(i)] ?? '').trim() }));
}
