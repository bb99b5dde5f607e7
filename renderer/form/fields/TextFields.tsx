import { Input } from 'antd';
import { textInputProps, type Of } from './field-props';

/** text: one line, with the item's length limit shown as a counter. */
export function TextField(props: Of<'text'>) {
  const { field } = props;
  return <Input {...textInputProps(props)} maxLength={field.maxLength ? field.maxLength + 20 : undefined} autoComplete="off" />;
}

/** textarea: several lines; Enter makes a new line here, Tab moves on. */
export function TextareaField(props: Of<'textarea'>) {
  const { field } = props;
  return (
    <Input.TextArea {...textInputProps(props)} autoSize={{ minRows: 2, maxRows: 5 }} showCount={field.maxLength !== undefined} maxLength={field.maxLength} />
  );
}

/** phone: mobile or landline with area code; checked on leaving the field. */
export function PhoneField(props: Of<'phone'>) {
  return <Input {...textInputProps(props)} inputMode="tel" maxLength={20} placeholder="手机号或0791-1234567" autoComplete="off" />;
}

/** address: written out to the village group and house number. */
export function AddressField(props: Of<'address'>) {
  return <Input {...textInputProps(props)} maxLength={120} placeholder="××乡××村××组××号" autoComplete="off" />;
}

/** bankAccount: digits, spaces allowed for readability (as printed on a 存折). */
export function BankAccountField(props: Of<'bankAccount'>) {
  return <Input {...textInputProps(props)} inputMode="numeric" maxLength={30} style={{ fontFamily: 'monospace' }} autoComplete="off" />;
}
