import { Alert, Form, Input, Modal, Select } from 'antd';
import { ACCOUNT_ROLES, type AccountRoleName, type AccountWithPassword } from '../../core/admin/api';
import { call } from '../api/client';
import { ACCOUNT_ROLE_LABEL } from './labels';
import { PASSWORD_RULE } from '../shared/password-rule';
import { useItSubmit } from './use-it-submit';

interface Values {
  username: string;
  displayName: string;
  role: AccountRoleName;
  divisionCode: string;
  password?: string;
}

const FIELDS: (keyof Values)[] = ['username', 'displayName', 'role', 'divisionCode', 'password'];

const DIVISION_HINT: Record<AccountRoleName, string> = {
  cadre: '代办员所在村（社区）的12位区划代码',
  reviewer: '审核员所在乡镇（街道）的9位区划代码',
  admin: '管理员负责的村或乡镇的区划代码',
  it: '运维人员负责的县（市、区）6位区划代码，可管理其下所有终端',
};

/** 新建账号 (`it.createAccount`); with the password left empty the platform generates one. */
export function CreateAccountModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(r: AccountWithPassword): void }) {
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form) ?? 'cadre';
  const { busy, error, submit } = useItSubmit(form, FIELDS);

  const create = (v: Values) =>
    submit(async () => {
      const r = await call('it.createAccount', {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        role: v.role,
        divisionCode: v.divisionCode.trim(),
        ...(v.password ? { password: v.password } : {}),
      });
      form.resetFields();
      onCreated(r);
    });

  return (
    <Modal
      open={open}
      title="新建账号"
      okText="创建"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={560}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="horizontal" labelCol={{ span: 6 }} onFinish={create} requiredMark={false} initialValues={{ role: 'cadre' }} preserve={false}>
        <Form.Item name="role" label="角色">
          <Select aria-label="角色" options={ACCOUNT_ROLES.map((r) => ({ value: r, label: ACCOUNT_ROLE_LABEL[r] }))} />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={30} autoComplete="off" autoFocus />
        </Form.Item>
        <Form.Item
          name="username"
          label="登录账号"
          extra="小写字母开头，3到32位小写字母、数字或下划线，如 cadre_liu"
          rules={[
            { required: true, message: '请填写登录账号' },
            { pattern: /^[a-z][a-z0-9_]{2,31}$/, message: '账号由3到32位小写字母、数字和下划线组成，以字母开头' },
          ]}
        >
          <Input maxLength={32} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label="区划代码"
          extra={DIVISION_HINT[role]}
          rules={[
            { required: true, message: '请填写区划代码' },
            { pattern: /^\d{2}(\d{2}){0,2}(\d{3}){0,2}$/, message: '区划代码应为2、4、6、9或12位数字' },
          ]}
        >
          <Input inputMode="numeric" maxLength={12} autoComplete="off" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="password" label="初始密码" extra="留空则由平台生成随机密码（只显示一次）" rules={[PASSWORD_RULE]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
