import type { ScalarField } from '../../core/catalog/model';
import { CitizenIdField } from './fields/CitizenIdField';
import { BooleanField, DateField, SelectField } from './fields/ChoiceFields';
import type { FieldProps } from './fields/field-props';
import { MoneyField, NumberField } from './fields/NumberFields';
import { AddressField, BankAccountField, PhoneField, TextareaField, TextField } from './fields/TextFields';

/** One scalar field of an item's form: picks the component for its kind. */
export function FieldInput(props: FieldProps) {
  const f: ScalarField = props.field;
  switch (f.kind) {
    case 'text':
      return <TextField {...props} field={f} />;
    case 'textarea':
      return <TextareaField {...props} field={f} />;
    case 'number':
      return <NumberField {...props} field={f} />;
    case 'money':
      return <MoneyField {...props} field={f} />;
    case 'date':
      return <DateField {...props} field={f} />;
    case 'select':
      return <SelectField {...props} field={f} />;
    case 'boolean':
      return <BooleanField {...props} field={f} />;
    case 'citizenId':
      return <CitizenIdField {...props} field={f} />;
    case 'phone':
      return <PhoneField {...props} field={f} />;
    case 'address':
      return <AddressField {...props} field={f} />;
    case 'bankAccount':
      return <BankAccountField {...props} field={f} />;
  }
}
