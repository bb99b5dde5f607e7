import { Input } from 'antd';
import { asText, type Of } from './field-props';

/** number: typed as text (IME full-width digits are fine), checked against min/max on leaving the field. */
export function NumberField({ field, id, value, onChange, onBlur, invalid, autoFocus, ariaLabel }: Of<'number'>) {
  return (
    <Input
      id={id}
      value={asText(value)}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      status={invalid ? 'error' : undefined}
      autoFocus={autoFocus}
      aria-label={ariaLabel}
      inputMode={field.integer ? 'numeric' : 'decimal'}
      suffix={field.unit}
      style={{ maxWidth: 220 }}
      autoComplete="off"
    />
  );
}

/** money: yuan, at most two decimals. */
export function MoneyField({ id, value, onChange, onBlur, invalid, autoFocus, ariaLabel, compact }: Of<'money'>) {
  return (
    <Input
      id={id}
      value={asText(value)}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      status={invalid ? 'error' : undefined}
      autoFocus={autoFocus}
      aria-label={ariaLabel}
      inputMode="decimal"
      prefix={compact ? undefined : '¥'}
      suffix={compact ? undefined : '元'}
      style={{ maxWidth: compact ? undefined : 220 }}
      autoComplete="off"
    />
  );
}
