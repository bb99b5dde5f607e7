import { useEffect } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Typography } from 'antd';
import { ApiOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import type { ServicePointView, UserView } from '../../core/api/views';
import { call } from '../api/client';
import { useAction } from '../shared/use-action';
import { enterMovesOn } from '../form/move-on-enter';

interface Props {
  servicePoint: ServicePointView;
  onLoggedIn(user: UserView): void;
  /** While the terminal is not enrolled: says where an admin connects it (the station asks for an admin). */
  notEnrolled?: boolean;
}

/**
 * Offline login against the terminal's own accounts; the API's Chinese refusal (wrong password, locked) is
 * shown as is. County IT staff tick 运维人员登录: their password is checked online by the platform, since no
 * IT credential is kept on a terminal.
 */
export function LoginScreen({ servicePoint, onLoggedIn, notEnrolled }: Props) {
  useEffect(() => {
    // For the start-up time measurement: the login form is on screen and usable.
    performance.mark('daiban:login-interactive');
  }, []);

  const login = useAction(async (v: { username: string; password: string; itStaff?: boolean }) =>
    onLoggedIn(await call('session.login', { username: v.username.trim(), password: v.password, ...(v.itStaff ? { itStaff: true } : {}) })),
  );
  const { busy, error } = login;
  const submit = (v: { username: string; password: string; itStaff?: boolean }) => void login.run(v);

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#12407f' }}>
      <Card style={{ width: 460 }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          村为民服务全程代办终端
        </Typography.Title>
        <Typography.Paragraph type="secondary">{servicePoint.name}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false} size="large" scrollToFirstError={{ focus: true }} {...enterMovesOn}>
          <Form.Item label="账号" name="username" rules={[{ required: true, whitespace: true, message: '请输入账号' }]}>
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="itStaff" valuePropName="checked" style={{ marginBottom: 16 }}>
            <Checkbox>运维人员登录（需连接省级平台）</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 14 }}>
          代办员、审核员无需联网即可登录。忘记密码请联系乡镇或县级运维人员。
        </Typography.Paragraph>
        {notEnrolled && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 14 }}>
            <ApiOutlined /> 本机尚未接入省级平台：请管理员登录后，点右上角的同步状态，选择“接入省级平台”。
          </Typography.Paragraph>
        )}
      </Card>
    </div>
  );
}
