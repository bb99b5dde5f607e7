import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input } from 'antd';
import { ApiOutlined, LockOutlined } from '@ant-design/icons';
import type { ItStatusView } from '../../core/api/it-methods';
import { call, StationCallError } from '../api/client';
import { useSession } from '../app/session';
import { useAction } from '../shared/use-action';

/** What to do next, under the reason the station gave. */
const HINT: Record<string, string> = {
  PLATFORM_UNREACHABLE: '网络不通时，本机的代办、统计、系统维护等功能照常可用。',
  IT_PASSWORD_REQUIRED: '为安全起见，与省级平台的连接需要再次输入您的登录密码。',
  AUTH_FAILED: '省级平台上的密码与本机不一致时（例如刚在别处修改过），请输入省级平台上的密码。',
  NOT_ENROLLED: '运维控制台通过本终端接入的省级平台工作，请先完成接入。',
};

/** Not connected to the platform: why, and the IT worker's password to connect again (`it.connect`). */
export function ConnectPanel({ status, onConnected }: { status: ItStatusView; onConnected(next: ItStatusView): void }) {
  const { user } = useSession();
  const [form] = Form.useForm<{ password: string }>();
  const [problem, setProblem] = useState(status.problem);
  const action = useAction(
    async ({ password }: { password: string }) => onConnected(await call('it.connect', { password })),
    (e) => {
      const err = StationCallError.from(e);
      setProblem({ code: err.code, message: err.message });
      form.setFieldValue('password', '');
      return null;
    },
  );
  const busy = action.busy;
  const connect = (v: { password: string }) => void action.run(v);

  const title = problem?.code === 'PLATFORM_UNREACHABLE' ? '暂时连不上省级平台' : '请连接省级平台';
  return (
    <Card
      style={{ maxWidth: 620, margin: '24px auto' }}
      title={
        <span>
          <ApiOutlined /> {title}
        </span>
      }
    >
      {problem && (
        <Alert
          type={problem.code === 'IT_PASSWORD_REQUIRED' ? 'info' : 'warning'}
          showIcon
          role="alert"
          title={problem.message}
          description={HINT[problem.code]}
          style={{ marginBottom: 16 }}
        />
      )}
      <Descriptions column={1} size="small" styles={{ label: { width: 120, whiteSpace: 'nowrap' } }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="省级平台地址">{status.platformUrl ?? '本终端尚未接入'}</Descriptions.Item>
        <Descriptions.Item label="运维账号">
          {user.displayName}（{user.username}）
        </Descriptions.Item>
      </Descriptions>
      {status.enrolled && (
        <Form form={form} layout="inline" onFinish={connect} requiredMark={false}>
          <Form.Item name="password" label="登录密码" rules={[{ required: true, message: '请输入密码' }]} style={{ flex: 1 }}>
            <Input.Password prefix={<LockOutlined />} autoFocus autoComplete="current-password" />
          </Form.Item>
          <Form.Item style={{ marginInlineEnd: 0 }}>
            <Button type="primary" htmlType="submit" loading={busy}>
              {problem?.code === 'PLATFORM_UNREACHABLE' ? '重新连接' : '连接'}
            </Button>
          </Form.Item>
        </Form>
      )}
      <p className="muted" style={{ margin: '16px 0 0', fontSize: 14 }}>
        运维控制台的终端状态、注册码、账号、事项目录和版本发布都在省级平台上，需要联网使用；本机的备份和诊断包在“系统维护”中，不联网也能用。
      </p>
    </Card>
  );
}
