import { Input } from 'antd';
import { textInputProps, type Of } from './field-props';

/** number: typed as text (IME full-width digits are fine), checked against min/max on leaving the field. */
export function NumberField(props: Of<'number'>) {
  const { field } = props;
  return (
    <Input {...textInputProps(props)} inputMode={field.integer ? 'numeric' : 'decimal'} suffix={field.unit} style={{ maxWidth: 220 }} autoComplete="off" />
  );
}

/** money: yuan, at most two decimals. */
export function MoneyField(props: Of<'money'>) {
  const { compact } = props;
  return (
    <Input
      {...textInputProps(props)}
      inputMode="decimal"
      prefix={compact ? undefined : '¥'}
      suffix={compact ? undefined : '元'}
      style={{ maxWidth: compact ? undefined : 220 }}
      autoComplete="off"
    />
  );
}
