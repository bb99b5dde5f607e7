import { Form } from 'antd';
import type { FormField } from '../../core/catalog/model';
import { FieldInput } from './FieldInput';
import { MembersTable } from './MembersTable';

interface Props {
  fields: FormField[];
  values: Record<string, unknown>;
  errors: Record<string, string>;
  onChange(key: string, value: unknown): void;
  onBlur(path: string): void;
}

const WIDE = new Set<FormField['kind']>(['textarea', 'members', 'address']);

/** The item's form, rendered from its schema: a two-column grid, wide fields across. */
export function FormFields({ fields, values, errors, onChange, onBlur }: Props) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
      {fields.map((f, i) => {
        const error = errors[f.key];
        const wide = WIDE.has(f.kind);
        return (
          <div key={f.key} data-field={f.key} style={{ gridColumn: wide ? '1 / span 2' : undefined }}>
            <Form.Item
              label={f.label}
              htmlFor={f.kind === 'boolean' || f.kind === 'members' ? undefined : `f-${f.key}`}
              required={f.required}
              validateStatus={error ? 'error' : undefined}
              help={error}
              extra={f.help}
              style={{ marginBottom: 14 }}
            >
              {f.kind === 'members' ? (
                <MembersTable field={f} value={values[f.key]} errors={errors} onChange={(rows) => onChange(f.key, rows)} onBlur={onBlur} autoFocus={i === 0} />
              ) : (
                <FieldInput
                  field={f}
                  id={`f-${f.key}`}
                  value={values[f.key]}
                  onChange={(v) => onChange(f.key, v)}
                  onBlur={() => onBlur(f.key)}
                  invalid={Boolean(error)}
                  autoFocus={i === 0}
                />
              )}
            </Form.Item>
          </div>
        );
      })}
    </div>
  );
}
