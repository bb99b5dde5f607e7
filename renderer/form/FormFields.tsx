import { Form } from 'antd';
import type { FormField } from '../../core/catalog/model';
import type { FormLiveState } from '../../core/forms/validate';
import { FieldInput } from './FieldInput';
import { MembersTable } from './MembersTable';

interface Props {
  fields: FormField[];
  /** What the item's logic says now: hidden fields, fields required now, computed values. */
  live: FormLiveState;
  values: Record<string, unknown>;
  errors: Record<string, string>;
  onChange(key: string, value: unknown): void;
  onBlur(path: string): void;
}

const WIDE = new Set<FormField['kind']>(['textarea', 'members', 'address']);

/**
 * The item's form, rendered from its schema: a two-column grid, wide fields across. A field the logic hides
 * is not rendered (its value is dropped on submit); a computed one shows its value, read-only.
 */
export function FormFields({ fields, live, values, errors, onChange, onBlur }: Props) {
  const shown = fields.filter((f) => !live.hidden.has(f.key));
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
      {shown.map((f, i) => {
        const error = errors[f.key];
        const wide = WIDE.has(f.kind);
        return (
          <div key={f.key} data-field={f.key} style={{ gridColumn: wide ? '1 / span 2' : undefined }}>
            <Form.Item
              label={f.label}
              htmlFor={f.kind === 'boolean' || f.kind === 'members' ? undefined : `f-${f.key}`}
              required={!f.calculate && (f.required || live.required.has(f.key))}
              validateStatus={error ? 'error' : undefined}
              help={error}
              extra={f.help}
              style={{ marginBottom: 14 }}
            >
              {f.calculate ? (
                <ComputedValue id={`f-${f.key}`} field={f} value={live.computed[f.key]} />
              ) : f.kind === 'members' ? (
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

/** A computed field (家庭人均月收入 …): the value the rules will use, or what it waits for. */
function ComputedValue({ id, field, value }: { id: string; field: FormField; value: number | undefined }) {
  const unit = field.kind === 'money' ? '元' : field.kind === 'number' ? (field.unit ?? '') : '';
  return (
    <output id={id} className="computed-value" aria-live="polite">
      {value === undefined ? <span className="muted">填写相关项目后自动计算</span> : `${value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} ${unit}`}
    </output>
  );
}
