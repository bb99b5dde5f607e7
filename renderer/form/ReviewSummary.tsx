import { Descriptions, Table, Tag } from 'antd';
import type { CatalogItem, MembersField, ReceivedMaterials, ScalarField } from '../../core/catalog/model';
import { MATERIAL_FORM_LABEL } from '../../core/catalog/model';
import { formLiveState } from '../../core/forms/validate';
import { formatValue } from './format-value';
import { asRows } from './MembersTable';

interface Props {
  item: CatalogItem;
  values: Record<string, unknown>;
  materials: ReceivedMaterials;
  scanCount: number;
  /** Narrower labels where the summary sits in a narrower column (the reviewer's detail screen). */
  labelWidth?: number;
}

/** Everything that will be submitted, to read back to the resident before 提交. */
export function ReviewSummary({ item, values, materials, scanCount, labelWidth = 190 }: Props) {
  const received = item.materials.filter((m) => materials[m.key]?.received);
  return (
    <div>
      <FormSummary item={item} values={values} labelWidth={labelWidth} />
      <div style={{ marginTop: 12 }}>
        <div style={{ fontWeight: 600, marginBottom: 4 }}>
          已收取的纸质材料（{received.length}项）　扫描件 {scanCount} 页
        </div>
        {received.map((m) => (
          <Tag key={m.key} style={{ fontSize: 14, marginBottom: 4 }}>
            {m.name}（{MATERIAL_FORM_LABEL[m.form]} {materials[m.key]?.count}份）
          </Tag>
        ))}
      </div>
    </div>
  );
}

/** The form as filled: the fields the item's logic shows (computed ones included), then its tables. */
export function FormSummary({ item, values, labelWidth = 190 }: Pick<Props, 'item' | 'values' | 'labelWidth'>) {
  const { hidden } = formLiveState(item.form, values);
  const shown = item.form.fields.filter((f) => !hidden.has(f.key));
  const scalars = shown.filter((f): f is ScalarField => f.kind !== 'members');
  const tables = shown.filter((f): f is MembersField => f.kind === 'members');
  return (
    <div>
      <Descriptions bordered size="small" column={2} styles={{ label: { width: labelWidth } }}>
        {scalars.map((f) => (
          <Descriptions.Item key={f.key} label={f.label} span={f.kind === 'textarea' ? 2 : 1}>
            {formatValue(f, values[f.key])}
          </Descriptions.Item>
        ))}
      </Descriptions>
      {tables.map((f) => (
        <div key={f.key} style={{ marginTop: 12 }}>
          <div style={{ fontWeight: 600, marginBottom: 4 }}>{f.label}</div>
          <Table
            size="small"
            pagination={false}
            rowKey="__row"
            dataSource={asRows(values[f.key]).map((r, i) => ({ ...r, __row: i }))}
            columns={f.columns.map((c) => ({ title: c.label, key: c.key, render: (_: unknown, row: Record<string, unknown>) => formatValue(c, row[c.key]) }))}
          />
        </div>
      ))}
    </div>
  );
}
