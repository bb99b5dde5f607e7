import type { CatalogItem, ReceivedMaterials } from '../../core/catalog/model';
import { MATERIAL_FORM_LABEL } from '../../core/catalog/model';

/** The item's paper materials: which were received and how many copies, which not (read-only). */
export function MaterialsList({ item, received, highlight }: { item: CatalogItem; received: ReceivedMaterials; highlight?: Set<string> }) {
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }} aria-label="材料清单">
      {item.materials.map((m) => {
        const r = received[m.key];
        return (
          <li key={m.key} style={{ color: r?.received ? undefined : '#999', background: highlight?.has(m.key) ? '#fff7e6' : undefined }}>
            {r?.received ? '✔ ' : '✘ '}
            {m.name}（{MATERIAL_FORM_LABEL[m.form]}）{r?.received ? ` ${r.count}份` : m.required ? ' 未收取' : ' 未提供'}
          </li>
        );
      })}
    </ul>
  );
}
