import { useMemo, useState } from 'react';
import { Alert, App, Button, Input, Select, Space, Table, Tag } from 'antd';
import { KeyOutlined, PlusOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { ACCOUNT_ROLES, type AccountRoleName, type AccountWithPassword, type AdminAccountView } from '../../core/admin/api';
import { call } from '../api/client';
import { CreateAccountModal } from './CreateAccountModal';
import { useItLink, useItLoad } from './it-context';
import { ACCOUNT_ROLE_COLOR, ACCOUNT_ROLE_LABEL, shortDivision } from './labels';
import { PasswordOnce } from './PasswordOnce';

/** 账号: the cadres', reviewers', admins' and IT accounts of the division; create, disable, reset password. */
export function AccountsTab() {
  const { message, modal } = App.useApp();
  const { failed } = useItLink();
  const accounts = useItLoad(() => call('it.accounts', {}), []);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ title: string; result: AccountWithPassword } | null>(null);
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<AccountRoleName | undefined>();

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (accounts.data ?? []).filter(
      (a) =>
        (!role || a.role === role) && (!q || a.username.toLowerCase().includes(q) || a.displayName.includes(q) || shortDivision(a.divisionCode).startsWith(q)),
    );
  }, [accounts.data, search, role]);

  const disable = (a: AdminAccountView) =>
    modal.confirm({
      title: `停用账号“${a.displayName}（${a.username}）”？`,
      content: '停用后此人不能再登录任何终端（终端同步后生效，正在使用的会被退出）。已办理的业务记录不受影响。',
      okText: '停用',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await call('it.disableAccount', { username: a.username });
          message.success(`已停用 ${a.displayName}（${a.username}）`);
          accounts.reload();
        } catch (e) {
          message.error(failed(e));
        }
      },
    });

  const reset = (a: AdminAccountView) =>
    modal.confirm({
      title: `重置“${a.displayName}（${a.username}）”的密码？`,
      content: '平台将生成新的随机密码（只显示一次），原密码在终端同步后失效。',
      okText: '重置密码',
      cancelText: '取消',
      onOk: async () => {
        try {
          setShown({ title: '密码已重置', result: await call('it.resetPassword', { username: a.username }) });
        } catch (e) {
          message.error(failed(e));
        }
      },
    });

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Space wrap>
          <Input.Search
            aria-label="查找账号"
            placeholder="账号、姓名或区划代码"
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 260 }}
          />
          <Select
            aria-label="按角色筛选"
            allowClear
            placeholder="全部角色"
            value={role}
            onChange={setRole}
            style={{ width: 140 }}
            options={ACCOUNT_ROLES.map((r) => ({ value: r, label: ACCOUNT_ROLE_LABEL[r] }))}
          />
        </Space>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={accounts.reload} loading={accounts.loading}>
            刷新
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建账号
          </Button>
        </Space>
      </Space>
      {accounts.error && <Alert type="error" showIcon title={accounts.error} style={{ marginBottom: 8 }} />}
      <Table<AdminAccountView>
        size="small"
        rowKey="username"
        loading={accounts.loading && !accounts.data}
        dataSource={rows}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个账号` }}
        locale={{ emptyText: '没有符合条件的账号' }}
        columns={[
          { title: '姓名', dataIndex: 'displayName', width: 160 },
          { title: '登录账号', dataIndex: 'username', width: 200, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
          { title: '角色', dataIndex: 'role', width: 120, render: (r: AccountRoleName) => <Tag color={ACCOUNT_ROLE_COLOR[r]}>{ACCOUNT_ROLE_LABEL[r]}</Tag> },
          {
            title: '区划',
            key: 'division',
            width: 160,
            render: (_: unknown, a: AdminAccountView) =>
              a.divisionName ? (
                <span>
                  {a.divisionName} <span style={{ color: '#888', fontSize: 13 }}>{shortDivision(a.divisionCode)}</span>
                </span>
              ) : (
                <span style={{ fontFamily: 'monospace' }}>{shortDivision(a.divisionCode)}</span>
              ),
          },
          { title: '状态', dataIndex: 'disabled', width: 100, render: (d: boolean) => (d ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>) },
          {
            title: '操作',
            key: 'actions',
            render: (_, a) => (
              <Space size={4}>
                <Button size="small" icon={<KeyOutlined />} onClick={() => reset(a)} disabled={a.disabled}>
                  重置密码
                </Button>
                <Button size="small" danger icon={<StopOutlined />} onClick={() => disable(a)} disabled={a.disabled}>
                  停用
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <CreateAccountModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          setShown({ title: '账号已创建', result: r });
          accounts.reload();
        }}
      />
      <PasswordOnce result={shown?.result ?? null} title={shown?.title ?? ''} onClose={() => setShown(null)} />
    </>
  );
}
