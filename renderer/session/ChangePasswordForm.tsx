import { Alert, Button, Form, Input } from 'antd';
import { call, errorMessage } from '../api/client';
import { enterMovesOn } from '../form/move-on-enter';
import { markFieldRefusals } from '../shared/field-refusals';
import { PASSWORD_RULE } from '../shared/password-rule';
import { useAction } from '../shared/use-action';

interface Values {
  oldPassword: string;
  newPassword: string;
  again: string;
}

const FIELDS = ['oldPassword', 'newPassword'] as const;

/**
 * 原密码, 新密码 twice → `session.changePassword`. The password rule is core's (the same words the station and
 * the platform use); a wrong old password is marked under its field. Enter moves on and submits from the last box.
 */
export function ChangePasswordForm({ onChanged, submitText = '修改密码' }: { onChanged(): void; submitText?: string }) {
  const [form] = Form.useForm<Values>();
  const change = useAction(
    async (v: Values) => {
      await call('session.changePassword', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      form.resetFields();
      onChanged();
    },
    (e) => (markFieldRefusals(form, FIELDS, e) ? null : errorMessage(e)),
  );
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void change.run(v)} requiredMark={false} scrollToFirstError={{ focus: true }} {...enterMovesOn}>
      {change.error && <Alert type="error" showIcon title={change.error} style={{ marginBottom: 12 }} role="alert" />}
      <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
        <Input.Password autoComplete="current-password" autoFocus />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        extra="至少8位，含字母和数字；不要用生日、电话号码"
        rules={[{ required: true, message: '请输入新密码' }, PASSWORD_RULE]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="再次输入新密码"
        name="again"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_, value: string) =>
              value && value !== getFieldValue('newPassword') ? Promise.reject(new Error('两次输入的新密码不一致')) : undefined,
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={change.busy}>
        {submitText}
      </Button>
    </Form>
  );
}
