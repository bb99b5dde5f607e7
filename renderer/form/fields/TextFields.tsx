import { Input } from 'antd';
import { asText, type Of } from './field-props';

/** text: one line, with the item's length limit shown as a counter. */
export function TextField({ field, id, value, onChange, onBlur, invalid, autoFocus, ariaLabel }: Of<'text'>) {
  return (
    <Input
      id={id}
      value={asText(value)}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      status={invalid ? 'error' : undefined}
      autoFocus={autoFocus}
      aria-label={ariaLabel}
      maxLength={field.maxLength ? field.maxLength + 20 : undefined}
      autoComplete="off"
    />
  );
}

/** textarea: several lines; Enter makes a new line here, Tab moves on. */
export function TextareaField({ field, id, value, onChange, onBlur, invalid, autoFocus, ariaLabel }: Of<'textarea'>) {
  return (
    <Input.TextArea
      id={id}
      value={asText(value)}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      status={invalid ? 'error' : undefined}
      autoFocus={autoFocus}
      aria-label={ariaLabel}
      autoSize={{ minRows: 2, maxRows: 5 }}
      showCount={field.maxLength !== undefined}
      maxLength={field.maxLength}
    />
  );
}

/** phone: mobile or landline with area code; checked on leaving the field. */
export function PhoneField({ id, value, onChange, onBlur, invalid, autoFocus, ariaLabel }: Of<'phone'>) {
  return (
    <Input
      id={id}
      value={asText(value)}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      status={invalid ? 'error' : undefined}
      autoFocus={autoFocus}
      aria-label={ariaLabel}
      inputMode="tel"
      maxLength={20}
      placeholder="手机号或0791-1234567"
      autoComplete="off"
    />
  );
}

/** address: written out to the village group and house number. */
export function AddressField({ id, value, onChange, onBlur, invalid, autoFocus, ariaLabel }: Of<'address'>) {
  return (
    <Input
      id={id}
      value={asText(value)}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      status={invalid ? 'error' : undefined}
      autoFocus={autoFocus}
      aria-label={ariaLabel}
      maxLength={120}
      placeholder="××乡××村××组××号"
      autoComplete="off"
    />
  );
}

/** bankAccount: digits, spaces allowed for readability (as printed on a 存折). */
export function BankAccountField({ id, value, onChange, onBlur, invalid, autoFocus, ariaLabel }: Of<'bankAccount'>) {
  return (
    <Input
      id={id}
      value={asText(value)}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      status={invalid ? 'error' : undefined}
      autoFocus={autoFocus}
      aria-label={ariaLabel}
      inputMode="numeric"
      maxLength={30}
      style={{ fontFamily: 'monospace' }}
      autoComplete="off"
    />
  );
}
