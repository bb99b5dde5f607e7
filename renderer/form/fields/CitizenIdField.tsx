import { Input } from 'antd';
import { parseCitizenId } from '../../../core/citizen-id';
import { asText, textInputProps, type Of } from './field-props';

/** citizenId: 18 characters; once complete and valid, birth date and gender are shown beside it. */
export function CitizenIdField(props: Of<'citizenId'>) {
  const { value, compact } = props;

  const text = asText(value);
  const parsed = text.replace(/\s+/g, '').length >= 15 ? parseCitizenId(text) : null;
  const info = parsed?.ok ? `${parsed.value.birthDate} ${parsed.value.gender === 'male' ? '男' : '女'}` : null;
  return (
    <Input
      {...textInputProps(props)}
      maxLength={22}
      style={compact ? { fontVariantNumeric: 'tabular-nums', paddingInline: 6 } : { fontFamily: 'monospace' }}
      suffix={
        info && !compact ? (
          <span className="muted" style={{ fontSize: 13 }}>
            {info}
          </span>
        ) : undefined
      }
      title={info ?? undefined}
      autoComplete="off"
    />
  );
}
