import { App, Form, Input, Modal, Space, Tag } from 'antd';
import { channelSchema, DEFAULT_CHANNEL, type FleetTerminalView } from '../../core/admin/api';
import { describeIssue } from '../../core/refusal';
import { call } from '../api/client';
import { useAction } from '../shared/use-action';
import { useItLink } from './it-context';

/** Channels IT staff commonly use; any lower-case name is allowed. */
const SUGGESTED = [
  { value: DEFAULT_CHANNEL, label: 'stable 正式版（默认）' },
  { value: 'pilot', label: 'pilot 试点' },
  { value: 'beta', label: 'beta 测试版' },
];

/** 更新通道: which release channel a terminal follows (`it.setChannel`). */
export function ChannelModal({ terminal, onClose, onSaved }: { terminal: FleetTerminalView | null; onClose(): void; onSaved(): void }) {
  const { message } = App.useApp();
  const { failed } = useItLink();
  const [form] = Form.useForm<{ channel: string }>();
  const chosen = Form.useWatch('channel', form);

  const action = useAction(
    async ({ channel }: { channel: string }) => {
      if (!terminal) return;
      await call('it.setChannel', { terminalId: terminal.id, channel: channel.trim() });
      message.success(`已将“${terminal.servicePointName}”的更新通道设为 ${channel.trim()}，下次检查更新时生效。`);
      onSaved();
    },
    (e) => {
      form.setFields([{ name: 'channel', errors: [failed(e)] }]);
      return null;
    },
  );
  const busy = action.busy;
  const save = (v: { channel: string }) => void action.run(v);

  return (
    <Modal
      open={terminal !== null}
      title={`更新通道：${terminal?.servicePointName ?? ''}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="muted" style={{ marginTop: 0 }}>
        终端只会收到其所在通道发布的新版本。试点时可先把一两个代办点设为 pilot，验证无误后再在 stable 通道发布。
      </p>
      <Form form={form} layout="vertical" initialValues={{ channel: terminal?.channel ?? DEFAULT_CHANNEL }} onFinish={save} preserve={false}>
        <Form.Item
          name="channel"
          label="更新通道"
          rules={[
            { required: true, message: '请填写更新通道' },
            {
              validator: (_r, v: string) => {
                const parsed = channelSchema.safeParse((v ?? '').trim());
                return parsed.success
                  ? Promise.resolve()
                  : Promise.reject(new Error(parsed.error.issues[0] ? describeIssue(parsed.error.issues[0]) : '通道名称不正确'));
              },
            },
          ]}
        >
          <Input aria-label="更新通道" maxLength={20} autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Space size={4} wrap>
          <span className="muted">常用：</span>
          {SUGGESTED.map((o) => (
            <Tag.CheckableTag key={o.value} checked={chosen === o.value} onChange={() => form.setFieldsValue({ channel: o.value })}>
              {o.label}
            </Tag.CheckableTag>
          ))}
        </Space>
      </Form>
    </Modal>
  );
}
