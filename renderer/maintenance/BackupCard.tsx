import { useState } from 'react';
import { Alert, App, Button, Card, Space, Table, Tag } from 'antd';
import { CheckCircleFilled, WarningFilled } from '@ant-design/icons';
import type { BackupView, RestoreResult } from '../../core/api/backup-methods';
import { call } from '../api/client';
import { useToastAction } from '../shared/use-action';
import { useLoad } from '../shared/use-load';
import { showDateTime } from '../shared/time';
import { BACKUP_KIND_COLOR, BACKUP_KIND_LABEL, showSize } from './backup-labels';
import { BackupRestoreDialog } from './BackupRestoreDialog';

/** The backups of this terminal: 立即备份, 校验, 恢复. */
export function BackupCard() {
  const { message, modal } = App.useApp();
  const backups = useLoad(() => call('backups.list', {}), []);
  const [restoring, setRestoring] = useState<BackupView | null>(null);

  const create = useToastAction(async () => {
    const b = await call('backups.create', {});
    if (b.problem) message.warning(`备份已生成，但校验未通过：${b.problem}`);
    else message.success(`备份完成（${showSize(b.size)}），已校验。`);
    backups.reload();
  });

  const verify = useToastAction(async (b: BackupView) => {
    const checked = await call('backups.verify', { id: b.id });
    if (checked.problem) message.error(`校验未通过：${checked.problem}`);
    else message.success('校验通过，这份备份可以用于恢复。');
    backups.reload();
  });
  const busy = create.busy || verify.busy;

  const restored = (r: RestoreResult) => {
    setRestoring(null);
    modal.success({
      title: '数据已恢复',
      content: `本机数据已恢复到 ${showDateTime(r.backup.createdAt)} 的备份。${r.applicationsLost > 0 ? `备份之后未上报的${r.applicationsLost}件申请需要重新受理。` : ''}请重新登录。`,
      okText: '重新登录',
      // Every screen holds data of the replaced store: start the app over at the login screen.
      onOk: () => window.location.reload(),
    });
  };

  return (
    <Card
      title="数据备份"
      style={{ marginBottom: 16 }}
      extra={
        <Button type="primary" size="large" loading={create.busy} disabled={busy} onClick={() => void create.run()}>
          立即备份
        </Button>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        本机每天自动备份一次（加密保存在本机），系统升级前也会自动备份。备份保留：自动7份、升级前3份、手动10份。
      </p>
      {backups.error && <Alert type="error" showIcon title={backups.error} style={{ marginBottom: 12 }} />}
      <Table<BackupView>
        rowKey="id"
        size="middle"
        loading={backups.loading}
        dataSource={backups.data ?? []}
        pagination={false}
        locale={{ emptyText: '还没有备份' }}
        columns={[
          { title: '类型', dataIndex: 'kind', width: 90, render: (k: BackupView['kind']) => <Tag color={BACKUP_KIND_COLOR[k]}>{BACKUP_KIND_LABEL[k]}</Tag> },
          { title: '备份时间', dataIndex: 'createdAt', width: 170, render: (t: string) => showDateTime(t) },
          { title: '大小', dataIndex: 'size', width: 100, render: (s: number) => showSize(s) },
          { title: '内容', key: 'counts', render: (_, b) => `${b.counts.residents}位居民、${b.counts.applications}件申请` },
          {
            title: '校验',
            key: 'verified',
            render: (_, b) =>
              b.problem ? (
                <span style={{ color: '#cf1322' }}>
                  <WarningFilled /> {b.problem}
                </span>
              ) : b.verifiedAt ? (
                <span style={{ color: '#389e0d' }}>
                  <CheckCircleFilled /> 已校验
                </span>
              ) : (
                <span className="muted">未校验</span>
              ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 170,
            render: (_, b) => (
              <Space>
                <Button loading={verify.pending?.[0].id === b.id} disabled={busy} onClick={() => void verify.run(b)}>
                  校验
                </Button>
                <Button danger disabled={busy || b.problem !== null} onClick={() => setRestoring(b)}>
                  恢复
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {restoring && <BackupRestoreDialog backup={restoring} onClose={() => setRestoring(null)} onRestored={restored} />}
    </Card>
  );
}
