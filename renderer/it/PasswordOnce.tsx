import { Alert, Modal, Typography } from 'antd';
import type { AccountWithPassword } from '../../core/admin/api';
import { ACCOUNT_ROLE_LABEL, shortDivision } from './labels';

/** A password the platform generated: shown this once, to be handed to the person it belongs to. */
export function PasswordOnce({ result, title, onClose }: { result: AccountWithPassword | null; title: string; onClose(): void }) {
  const a = result?.account;
  return (
    <Modal
      open={result !== null}
      title={title}
      okText="我已记下"
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      destroyOnHidden
    >
      {a && (
        <>
          <p style={{ marginTop: 0 }}>
            {a.displayName}（{ACCOUNT_ROLE_LABEL[a.role]}，账号 <b>{a.username}</b>，区划 {shortDivision(a.divisionCode)}）
          </p>
          {result?.password ? (
            <>
              <p style={{ marginBottom: 4 }}>初始密码：</p>
              <Typography.Text
                copyable={{ text: result.password, tooltips: ['复制', '已复制'] }}
                aria-label="生成的密码"
                style={{ display: 'block', fontSize: 30, fontFamily: 'monospace', letterSpacing: 2, fontWeight: 600, color: '#12407f', marginBottom: 12 }}
              >
                {result.password}
              </Typography.Text>
              <Alert
                type="warning"
                showIcon
                title="密码只显示这一次"
                description="请当面或通过安全渠道交给本人，并提醒其登录后在终端上修改密码。账号会在终端下次同步时下载，之后即可离线登录。"
              />
            </>
          ) : (
            <Alert type="success" showIcon title="已使用您填写的密码" description="账号会在终端下次同步时下载，之后即可登录。" />
          )}
        </>
      )}
    </Modal>
  );
}
