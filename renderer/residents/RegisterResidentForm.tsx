import { useMemo, useState } from 'react';
import { Alert, Button, Descriptions, Form, Input } from 'antd';
import type { ResidentView } from '../../core/api/views';
import { maskCitizenId, parseCitizenId } from '../../core/citizen-id';
import { CheckCircleFilled } from '@ant-design/icons';
import { call, errorMessage, StationCallError } from '../api/client';
import { enterMovesOn } from '../form/move-on-enter';
import { useAction } from '../shared/use-action';
import type { ResidentRef } from '../app/nav';

interface Props {
  autoFocus?: boolean;
  /** An ID number already typed in the search box: filled in, and the cursor starts at 姓名. */
  initialIdNumber?: string;
  /** Read from the ID card: number, name and address filled in, the cursor at 联系电话 (the card has none). */
  fromCard?: { idNumber: string; name: string; address: string };
  onRegistered(resident: ResidentRef): void;
}

type Values = { idNumber: string; name: string; phone: string; address: string };
const EMPTY: Values = { idNumber: '', name: '', phone: '', address: '' };

export const toRef = (r: ResidentView): ResidentRef => ({ id: r.id, name: r.name, idNumberMasked: maskCitizenId(r.idNumber) });

/** The ID number is checked as it is typed: birth date and gender fill in, a wrong number says why in Chinese. */
export function RegisterResidentForm({ autoFocus, initialIdNumber, fromCard, onRegistered }: Props) {
  const [v, setV] = useState<Values>(() => (fromCard ? { ...EMPTY, ...fromCard } : { ...EMPTY, idNumber: initialIdNumber ?? '' }));
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [duplicateId, setDuplicateId] = useState<string | null>(null);

  const idCheck = useMemo(() => parseCitizenId(v.idNumber), [v.idNumber]);
  const typedLength = v.idNumber.replace(/\s+/g, '').length;
  // Judge the number once it is complete (or the cadre has left the field), not at every keystroke.
  const idError = serverErrors.idNumber ?? (!idCheck.ok && (touched || typedLength >= 18) && typedLength > 0 ? idCheck.message : undefined);

  const set = (k: keyof Values) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    setV((old) => ({ ...old, [k]: e.target.value }));
    setServerErrors((old) => {
      const { [k]: _gone, ...rest } = old;
      return rest;
    });
    if (k === 'idNumber') {
      setDuplicateId(null);
      setFormError(null);
    }
  };

  const registering = useAction(
    async (idNumber: string) => {
      const r = await call('residents.register', {
        idNumber,
        name: v.name.trim(),
        ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
        ...(v.address.trim() ? { address: v.address.trim() } : {}),
      });
      setV(EMPTY);
      setTouched(false);
      onRegistered(toRef(r));
    },
    (e) => {
      const err = StationCallError.from(e);
      setServerErrors(err.fields);
      setFormError(err.message);
      if (err.code === 'DUPLICATE_RESIDENT' && typeof err.details?.residentId === 'string') setDuplicateId(err.details.residentId);
      return null;
    },
  );
  const busy = registering.busy;

  /** Every missing or wrong field is marked at once, and the cursor goes to the first. */
  const submit = () => {
    setTouched(true);
    const missing: Record<string, string> = {};
    if (!idCheck.ok) missing.idNumber = typedLength === 0 ? '请填写公民身份号码' : idCheck.message;
    if (!v.name.trim()) missing.name = '请填写姓名';
    if (!idCheck.ok || Object.keys(missing).length > 0) {
      setServerErrors(missing);
      document.getElementById(missing.idNumber ? 'reg-idNumber' : 'reg-name')?.focus();
      return;
    }
    setFormError(null);
    void registering.run(idCheck.value.number);
  };

  const useExisting = async () => {
    if (!duplicateId) return;
    try {
      onRegistered(toRef(await call('residents.get', { id: duplicateId })));
    } catch (e) {
      setFormError(errorMessage(e));
    }
  };

  return (
    <Form layout="vertical" onFinish={submit} requiredMark {...enterMovesOn}>
      <Form.Item
        label="公民身份号码"
        htmlFor="reg-idNumber"
        required
        validateStatus={idError ? 'error' : idCheck.ok ? 'success' : undefined}
        help={idError ?? (typedLength > 0 && typedLength < 18 ? `已输入${typedLength}位，共18位` : undefined)}
      >
        <Input
          id="reg-idNumber"
          value={v.idNumber}
          onChange={set('idNumber')}
          onBlur={() => setTouched(true)}
          autoFocus={autoFocus}
          maxLength={22}
          autoComplete="off"
          // Always a suffix: antd wraps an input that gains one in a new element, which would take the
          // focus away at the 18th digit (and the next keys would land in the wrong box).
          suffix={idCheck.ok ? <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="号码有效" /> : <span />}
          style={{ fontFamily: 'monospace', fontSize: 18, letterSpacing: 1 }}
        />
      </Form.Item>
      <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="出生日期">{idCheck.ok ? idCheck.value.birthDate : '—'}</Descriptions.Item>
        <Descriptions.Item label="性别">{idCheck.ok ? (idCheck.value.gender === 'male' ? '男' : '女') : '—'}</Descriptions.Item>
      </Descriptions>
      <Form.Item label="姓名" htmlFor="reg-name" required validateStatus={serverErrors.name ? 'error' : undefined} help={serverErrors.name}>
        <Input id="reg-name" value={v.name} onChange={set('name')} maxLength={30} autoComplete="off" autoFocus={Boolean(initialIdNumber) && !fromCard} />
      </Form.Item>
      <Form.Item label="联系电话" htmlFor="reg-phone" validateStatus={serverErrors.phone ? 'error' : undefined} help={serverErrors.phone}>
        <Input id="reg-phone" value={v.phone} onChange={set('phone')} maxLength={20} autoComplete="off" autoFocus={Boolean(fromCard)} />
      </Form.Item>
      <Form.Item label="住址" htmlFor="reg-address" validateStatus={serverErrors.address ? 'error' : undefined} help={serverErrors.address}>
        <Input id="reg-address" value={v.address} onChange={set('address')} maxLength={120} autoComplete="off" />
      </Form.Item>
      {formError && !duplicateId && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
      {duplicateId && (
        <Alert
          type="warning"
          showIcon
          title={formError}
          style={{ marginBottom: 12 }}
          action={
            <Button type="primary" size="small" onClick={useExisting}>
              使用该居民
            </Button>
          }
        />
      )}
      <Button type="primary" htmlType="submit" loading={busy} block>
        登记并继续
      </Button>
    </Form>
  );
}
