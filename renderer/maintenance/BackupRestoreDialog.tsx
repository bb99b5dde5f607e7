import { useEffect, useState } from 'react';
import { Alert, Input, Modal, Spin } from 'antd';
import type { BackupView, RestorePreview, RestoreResult } from '../../core/api/backup-methods';
import { call, errorMessage } from '../api/client';
import { showDateTime } from '../shared/time';
import { useAction } from '../shared/use-action';

interface Props {
  backup: BackupView;
  onClose(): void;
  onRestored(result: RestoreResult): void;
}

/** 恢复: says what will be lost (counted by the station), then asks for the admin's own password. */
export function BackupRestoreDialog({ backup, onClose, onRestored }: Props) {
  const [preview, setPreview] = useState<RestorePreview | null>(null);
  const [password, setPassword] = useState('');
  const action = useAction(async () => onRestored(await call('backups.restore', { id: backup.id, password })));
  const { busy, error, fail } = action;

  useEffect(() => {
    call('backups.restorePreview', { id: backup.id })
      .then(setPreview)
      .catch((e) => fail(errorMessage(e)));
  }, [backup.id, fail]);

  const restore = () => {
    if (!password) fail('请输入您的登录密码');
    else void action.run();
  };

  return (
    <Modal
      open
      width={620}
      title="恢复数据"
      okText="确认恢复"
      okButtonProps={{ size: 'large', danger: true, loading: busy, disabled: !preview }}
      cancelText="取消"
      cancelButtonProps={{ size: 'large', disabled: busy }}
      onOk={restore}
      onCancel={busy ? undefined : onClose}
      maskClosable={false}
    >
      <p style={{ marginTop: 0 }}>
        本机数据将恢复到 <b>{showDateTime(backup.createdAt)}</b> 备份时的状态（{backup.counts.residents}位居民、{backup.counts.applications}件申请）。
        恢复前会先自动备份当前数据（“恢复前”备份），需要时可以再恢复回来。
      </p>
      {!preview && !error && (
        <p>
          <Spin size="small" /> 正在核对备份之后新增的申请…
        </p>
      )}
      {preview && <LossNotice preview={preview} />}
      <Input.Password
        aria-label="您的登录密码"
        placeholder="请输入您的登录密码以确认"
        size="large"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        onPressEnter={restore}
        autoFocus
        style={{ marginTop: 12 }}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

function LossNotice({ preview }: { preview: RestorePreview }) {
  const { applicationsSince, applicationsSynced, applicationsLost, messagesLost } = preview;
  if (applicationsSince === 0 && messagesLost === 0) {
    return <Alert type="info" showIcon title="备份之后本机没有新增申请，也没有未上报的办理记录。" />;
  }
  if (applicationsSince === 0) {
    return <Alert type="warning" showIcon title={`备份之后有${messagesLost}条尚未上报的办理记录（提交、撤回、补正、办结等），恢复后将丢失，需要重新办理。`} />;
  }
  return (
    <Alert
      type={applicationsLost > 0 || messagesLost > 0 ? 'warning' : 'info'}
      showIcon
      title={`备份之后本机新增了${applicationsSince}件申请`}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {applicationsSynced > 0 && <li>其中{applicationsSynced}件已上报省级平台，平台上仍有记录，但恢复后本机不再显示。</li>}
          {applicationsLost > 0 && (
            <li>
              其中<b>{applicationsLost}件尚未上报（含草稿），恢复后将丢失</b>，需要重新受理。
            </li>
          )}
          {messagesLost > 0 && <li>另有{messagesLost}条尚未上报的办理记录（提交、撤回、补正、办结等）将丢失，需要重新办理。</li>}
        </ul>
      }
    />
  );
}
