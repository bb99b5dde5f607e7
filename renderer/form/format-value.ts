import type { ScalarField } from '../../core/catalog/model';

/** A field's value as the cadre reads it back to the resident. */
export function formatValue(field: ScalarField, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  switch (field.kind) {
    case 'boolean':
      return v === true ? '是' : v === false ? '否' : String(v);
    case 'money':
      return `${String(v)} 元`;
    case 'number':
      return field.unit ? `${String(v)} ${field.unit}` : String(v);
    default:
      return String(v);
  }
}
