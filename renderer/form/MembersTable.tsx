import { Button } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { MembersField, ScalarField } from '../../core/catalog/model';
import { emptyFormValues } from '../../core/forms/validate';
import { FieldInput } from './FieldInput';

interface Props {
  field: MembersField;
  value: unknown;
  errors: Record<string, string>;
  onChange(rows: Record<string, unknown>[]): void;
  /** A cell was left: validate `members.<row>.<column>`. */
  onBlur(path: string): void;
  autoFocus?: boolean;
}

const WEIGHT: Partial<Record<ScalarField['kind'], number>> = { citizenId: 2.3, select: 1.3, money: 0.95, text: 0.95 };

export function asRows(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map((r) => (r && typeof r === 'object' ? (r as Record<string, unknown>) : {})) : [];
}

/** members: an editable table, one row per household member, rows added and removed by the cadre. */
export function MembersTable({ field, value, errors, onChange, onBlur, autoFocus }: Props) {
  const rows = asRows(value);
  const total = field.columns.reduce((n, c) => n + (WEIGHT[c.kind] ?? 1.2), 0);
  const canAdd = field.maxRows === undefined || rows.length < field.maxRows;
  const canRemove = rows.length > (field.minRows ?? 0);

  const setCell = (i: number, key: string, v: unknown) => onChange(rows.map((r, j) => (j === i ? { ...r, [key]: v } : r)));
  const addRow = () => {
    onChange([...rows, emptyFormValues(field.columns)]);
    // Put the cursor into the new row's first cell.
    setTimeout(() => document.getElementById(`f-${field.key}-${rows.length}-${field.columns[0]?.key}`)?.focus(), 0);
  };
  const removeRow = (i: number) => onChange(rows.filter((_, j) => j !== i));

  return (
    <div>
      <table className="members-table" aria-label={field.label}>
        <colgroup>
          <col style={{ width: 36 }} />
          {field.columns.map((c) => (
            <col key={c.key} style={{ width: `${(((WEIGHT[c.kind] ?? 1.2) / total) * 100).toFixed(1)}%` }} />
          ))}
          <col style={{ width: 44 }} />
        </colgroup>
        <thead>
          <tr>
            <th>#</th>
            {field.columns.map((c) => (
              <th key={c.key}>
                {c.required ? <span style={{ color: '#d4380d' }}>* </span> : null}
                {c.label}
              </th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const rowError = errors[`${field.key}.${i}`];
            return [
              <tr key={`r${i}`}>
                <td style={{ textAlign: 'center', paddingTop: 10 }}>{i + 1}</td>
                {field.columns.map((c, ci) => {
                  const path = `${field.key}.${i}.${c.key}`;
                  return (
                    <td key={c.key} data-cell-required={c.required ? 'true' : undefined}>
                      <FieldInput
                        field={c}
                        id={`f-${field.key}-${i}-${c.key}`}
                        value={row[c.key]}
                        onChange={(v) => setCell(i, c.key, v)}
                        onBlur={() => onBlur(path)}
                        invalid={Boolean(errors[path])}
                        ariaLabel={`第${i + 1}行${c.label}`}
                        autoFocus={autoFocus && i === 0 && ci === 0}
                        compact
                      />
                      {errors[path] ? <div className="cell-error">{errors[path].replace(/^“[^”]*”第\d+行/, '')}</div> : null}
                    </td>
                  );
                })}
                <td>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`删除第${i + 1}行`}
                    title={`删除第${i + 1}行`}
                    disabled={!canRemove}
                    onClick={() => removeRow(i)}
                  />
                </td>
              </tr>,
              rowError ? (
                <tr key={`e${i}`}>
                  <td />
                  <td colSpan={field.columns.length + 1} className="cell-error">
                    {rowError}
                  </td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
      <Button icon={<PlusOutlined />} onClick={addRow} disabled={!canAdd} style={{ marginTop: 6 }}>
        添加一行
      </Button>
    </div>
  );
}
