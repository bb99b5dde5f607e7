import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input } from 'antd';
import type { ResidentView } from '../../core/api/views';
import { maskCitizenId } from '../../core/citizen-id';
import { call, errorMessage } from '../api/client';
import { enterMovesOn } from '../form/move-on-enter';
import { markFieldRefusals } from '../shared/field-refusals';
import { useAction } from '../shared/use-action';

type Values = { name: string; phone: string; address: string };
const FIELDS = ['name', 'phone', 'address'] as const;

/** The resident's own record: the ID number fixes who they are; name, phone and address can be corrected (audited). */
export function ResidentInfoCard({ resident, onSaved }: { resident: ResidentView; onSaved(r: ResidentView): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState(false);
  const save = useAction(
    async (v: Values) => {
      const r = await call('residents.update', { id: resident.id, name: v.name.trim(), phone: v.phone.trim() || null, address: v.address.trim() || null });
      setEditing(false);
      onSaved(r);
      void message.success('居民信息已保存');
    },
    (e) => (markFieldRefusals(form, FIELDS, e) ? null : errorMessage(e)),
  );
  return (
    <Card
      size="small"
      title="居民信息"
      extra={
        !editing && (
          <Button size="small" onClick={() => setEditing(true)}>
            修改
          </Button>
        )
      }
    >
      <Descriptions column={2} size="small" style={{ marginBottom: editing ? 12 : 0 }}>
        <Descriptions.Item label="身份证号">{maskCitizenId(resident.idNumber)}</Descriptions.Item>
        <Descriptions.Item label="性别">{resident.gender === 'male' ? '男' : '女'}</Descriptions.Item>
        <Descriptions.Item label="出生日期">{resident.birthDate}</Descriptions.Item>
        {!editing && <Descriptions.Item label="联系电话">{resident.phone ?? '—'}</Descriptions.Item>}
        {!editing && <Descriptions.Item label="住址">{resident.address ?? '—'}</Descriptions.Item>}
      </Descriptions>
      {editing && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ name: resident.name, phone: resident.phone ?? '', address: resident.address ?? '' }}
          onFinish={(v) => void save.run(v)}
          {...enterMovesOn}
        >
          {save.error && <Alert type="error" showIcon title={save.error} style={{ marginBottom: 8 }} />}
          <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input maxLength={30} autoFocus />
          </Form.Item>
          <Form.Item label="联系电话" name="phone">
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item label="住址" name="address">
            <Input maxLength={120} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.busy}>
            保存
          </Button>
          <Button style={{ marginLeft: 8 }} onClick={() => setEditing(false)}>
            取消
          </Button>
        </Form>
      )}
    </Card>
  );
}
