import { Button, Card, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { UserView } from '../../core/api/views';
import { ChangePasswordForm } from './ChangePasswordForm';

/**
 * The first login with a password IT set (a new account, a reset): the user chooses their own before the
 * terminal opens. The station refuses every other call until then (PASSWORD_CHANGE_REQUIRED).
 */
export function ForcedPasswordScreen({ user, onChanged, onLogout }: { user: UserView; onChanged(): void; onLogout(): void }) {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#12407f' }}>
      <Card style={{ width: 480 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          <LockOutlined /> 请设置您自己的密码
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {user.displayName}，您的密码是运维人员设置的。为保护群众的个人信息，请先改为只有您自己知道的密码，再开始办理业务。
        </Typography.Paragraph>
        <ChangePasswordForm onChanged={onChanged} submitText="设置新密码并进入" />
        <Button type="link" block style={{ marginTop: 8 }} onClick={onLogout}>
          退出登录
        </Button>
      </Card>
    </div>
  );
}
