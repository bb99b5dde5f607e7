import { useState } from 'react';
import { Alert, Modal, Radio, Space, Switch, Typography } from 'antd';
import type { DisplaySettings } from '../../core/api/views';
import { call } from '../api/client';
import { useSession } from '../app/session';
import { useAction } from '../shared/use-action';

const SIZES: { value: DisplaySettings['fontSize']; label: string }[] = [
  { value: 'standard', label: '标准' },
  { value: 'large', label: '大' },
  { value: 'xlarge', label: '特大' },
];

/** 字号与对比度 (适老化): for this terminal, kept across restarts; shown at once. */
export function DisplayDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { display, setDisplay } = useSession();
  const [draft, setDraft] = useState<DisplaySettings>(display);
  const save = useAction(async () => {
    const s = await call('session.setDisplay', draft);
    setDisplay(s.display);
    onClose();
  });
  return (
    <Modal
      open={open}
      title="字号与对比度"
      okText="保存"
      cancelText="取消"
      onOk={() => void save.run()}
      okButtonProps={{ loading: save.busy }}
      onCancel={onClose}
      afterOpenChange={(o) => o && setDraft(display)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">本机的所有账号共用这个设置，重启后保持。</Typography.Paragraph>
      <Space direction="vertical" size={16}>
        <Space>
          <span id="font-size-label">字号</span>
          <Radio.Group
            aria-labelledby="font-size-label"
            optionType="button"
            value={draft.fontSize}
            onChange={(e) => setDraft((d) => ({ ...d, fontSize: e.target.value as DisplaySettings['fontSize'] }))}
            options={SIZES}
          />
        </Space>
        <Space>
          <span id="contrast-label">高对比度</span>
          <Switch aria-labelledby="contrast-label" checked={draft.highContrast} onChange={(on) => setDraft((d) => ({ ...d, highContrast: on }))} />
        </Space>
      </Space>
      {save.error && <Alert type="error" showIcon title={save.error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
