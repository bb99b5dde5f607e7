import type { ScalarField } from '../../../core/catalog/model';

/** What every field-kind component gets: the schema, the raw value as typed, and where to report changes. */
export interface FieldProps<F extends ScalarField = ScalarField> {
  field: F;
  id: string;
  value: unknown;
  onChange(value: unknown): void;
  onBlur(): void;
  invalid?: boolean;
  autoFocus?: boolean;
  /** Accessible name when there is no visible <label> (cells of the members table). */
  ariaLabel?: string;
  compact?: boolean;
}

export type Of<K extends ScalarField['kind']> = FieldProps<Extract<ScalarField, { kind: K }>>;

/** Values are kept as typed (strings); numbers that came back from the store are shown as text. */
export function asText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : String(v);
}

/** The props every text-like input shares: value as text, change reported as the typed string, error state. */
export function textInputProps(p: FieldProps) {
  return {
    id: p.id,
    value: asText(p.value),
    onChange: (e: { target: { value: string } }) => p.onChange(e.target.value),
    onBlur: p.onBlur,
    status: p.invalid ? ('error' as const) : undefined,
    autoFocus: p.autoFocus,
    'aria-label': p.ariaLabel,
  };
}
