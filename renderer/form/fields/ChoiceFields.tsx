import { useEffect, useRef } from 'react';
import { DatePicker, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { asText, type Of } from './field-props';

/** select: type to filter, Enter picks (keyboard first). */
export function SelectField({ field, id, value, onChange, onBlur, invalid, autoFocus, ariaLabel }: Of<'select'>) {
  const v = asText(value);
  // The select re-mounts its input when a value is chosen; autoFocus on that new input would pull the cursor
  // back from the next field. So it only ever applies to the first render.
  const firstRender = useRef(true);
  useEffect(() => {
    firstRender.current = false;
  }, []);
  return (
    <Select
      id={id}
      value={v === '' ? undefined : v}
      onChange={(next) => onChange(next ?? '')}
      onBlur={onBlur}
      status={invalid ? 'error' : undefined}
      autoFocus={autoFocus && firstRender.current}
      aria-label={ariaLabel}
      showSearch
      allowClear={!field.required}
      placeholder="请选择"
      options={field.options.map((o) => ({ value: o, label: o }))}
      style={{ width: '100%' }}
    />
  );
}

/** boolean: 是 / 否 as two radio buttons (arrow keys switch). */
export function BooleanField({ field, id, value, onChange, onBlur, autoFocus, ariaLabel }: Of<'boolean'>) {
  return (
    <div
      role="radiogroup"
      aria-label={ariaLabel ?? field.label}
      id={id}
      onBlur={onBlur}
      ref={(el) => {
        if (autoFocus && el && !el.contains(document.activeElement)) el.querySelector('input')?.focus();
      }}
    >
      <Radio.Group
        value={typeof value === 'boolean' ? value : undefined}
        onChange={(e) => onChange(e.target.value as boolean)}
        options={[
          { value: true, label: '是' },
          { value: false, label: '否' },
        ]}
      />
    </div>
  );
}

/** date: pick or type YYYY-MM-DD; items that forbid future dates grey them out. */
export function DateField({ field, id, value, onChange, onBlur, invalid, autoFocus, ariaLabel }: Of<'date'>) {
  const text = asText(value);
  const d = text ? dayjs(text, 'YYYY-MM-DD', true) : null;
  return (
    <DatePicker
      id={id}
      value={d && d.isValid() ? d : null}
      onChange={(_, s) => onChange(typeof s === 'string' ? s : '')}
      onBlur={onBlur}
      status={invalid ? 'error' : undefined}
      autoFocus={autoFocus}
      aria-label={ariaLabel}
      format="YYYY-MM-DD"
      placeholder="如 2026-01-31"
      disabledDate={field.notFuture ? (day) => day.isAfter(dayjs(), 'day') : undefined}
      style={{ width: 220 }}
    />
  );
}
