import { useState } from 'react';
import { Alert, App, Button, Progress, Space, Table, Tag, Tooltip } from 'antd';
import { PauseCircleOutlined, PlayCircleOutlined, ReloadOutlined, RollbackOutlined, SlidersOutlined } from '@ant-design/icons';
import type { ReleaseView } from '../../core/admin/api';
import type { ReleaseAction } from '../../core/api/it-methods';
import { call } from '../api/client';
import { useItLink, useItLoad } from './it-context';
import { PLATFORM_LABEL, RELEASE_STATE, showDateTime } from './labels';
import { StagingModal } from './StagingModal';

const CONFIRM: Record<ReleaseAction, { title: (r: ReleaseView) => string; content: string; ok: string; done: string; danger?: boolean }> = {
  pause: {
    title: (r) => `暂停推送 ${r.version}？`,
    content: '还没更新的终端不再收到此版本；已经更新的终端不受影响。可随时恢复。',
    ok: '暂停推送',
    done: '已暂停推送',
  },
  resume: {
    title: (r) => `恢复推送 ${r.version}？`,
    content: '按当前的推送比例和区划继续推送给终端。',
    ok: '恢复推送',
    done: '已恢复推送',
  },
  rollback: {
    title: (r) => `回滚 ${r.version}？`,
    content: '此版本将停止推送，终端改为收到上一个版本；已装此版本的终端会在下次检查更新时退回上一个版本。回滚不能撤销，如需再次发布请重新上传新版本。',
    ok: '确认回滚',
    done: '已回滚',
    danger: true,
  },
};

/** 版本发布: releases per channel with their staging; pause, resume, roll back, adjust staging. */
export function ReleasesTab() {
  const { message, modal } = App.useApp();
  const { failed } = useItLink();
  const releases = useItLoad(() => call('it.releases', {}), []);
  const [staging, setStaging] = useState<ReleaseView | null>(null);

  const act = (r: ReleaseView, action: ReleaseAction) => {
    const c = CONFIRM[action];
    modal.confirm({
      title: c.title(r),
      content: c.content,
      okText: c.ok,
      okButtonProps: c.danger ? { danger: true } : undefined,
      cancelText: '取消',
      onOk: async () => {
        try {
          await call('it.releaseAction', { id: r.id, action });
          message.success(`${c.done}：${r.version}（${r.channel}）`);
          releases.reload();
        } catch (e) {
          message.error(failed(e));
        }
      },
    });
  };

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <span className="muted" style={{ fontSize: 14 }}>
          新版本由省级平台管理员在服务器上发布（npm run release:publish）；此处可控制推送比例、区划，以及暂停、恢复和回滚。
        </span>
        <Button icon={<ReloadOutlined />} onClick={releases.reload} loading={releases.loading}>
          刷新
        </Button>
      </Space>
      {releases.error && <Alert type="error" showIcon title={releases.error} style={{ marginBottom: 8 }} />}
      <Table<ReleaseView>
        size="small"
        rowKey="id"
        loading={releases.loading && !releases.data}
        dataSource={releases.data ?? []}
        pagination={{ pageSize: 8, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: '平台上还没有发布过版本' }}
        columns={[
          {
            title: '版本',
            key: 'version',
            width: 150,
            render: (_, r) => (
              <Tooltip title={r.notes ?? '无更新说明'}>
                <b>{r.version}</b>
                <div style={{ fontSize: 13, color: '#777' }}>{r.files.map((f) => PLATFORM_LABEL[f.platform]).join('、') || '无安装包'}</div>
              </Tooltip>
            ),
          },
          { title: '通道', dataIndex: 'channel', width: 90 },
          {
            title: '状态',
            dataIndex: 'state',
            width: 90,
            render: (s: ReleaseView['state']) => <Tag color={RELEASE_STATE[s].color}>{RELEASE_STATE[s].label}</Tag>,
          },
          {
            title: '推送比例',
            key: 'percentage',
            width: 150,
            render: (_, r) => <Progress percent={r.stagingPercentage} size="small" status={r.state === 'active' ? 'active' : 'normal'} />,
          },
          {
            title: '限定区划',
            key: 'divisions',
            width: 190,
            render: (_, r) =>
              r.stagingDivisions.length === 0 ? (
                <span className="muted">全部</span>
              ) : (
                <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
                  {r.stagingDivisions.map((d) => (
                    <Tag key={d} style={{ marginInlineEnd: 0, fontFamily: 'monospace' }}>
                      {d}
                    </Tag>
                  ))}
                </span>
              ),
          },
          { title: '已安装', dataIndex: 'installedCount', width: 80, align: 'right', render: (n: number) => `${n} 台` },
          { title: '发布时间', dataIndex: 'publishedAt', width: 150, render: (v: string) => showDateTime(v) },
          {
            title: '操作',
            key: 'actions',
            render: (_, r) =>
              r.state === 'rolled_back' ? (
                <span className="muted">—</span>
              ) : (
                <Space size={4} wrap>
                  {r.state === 'active' ? (
                    <Button size="small" icon={<PauseCircleOutlined />} onClick={() => act(r, 'pause')}>
                      暂停
                    </Button>
                  ) : (
                    <Button size="small" icon={<PlayCircleOutlined />} onClick={() => act(r, 'resume')}>
                      恢复
                    </Button>
                  )}
                  <Button size="small" icon={<SlidersOutlined />} onClick={() => setStaging(r)}>
                    分批
                  </Button>
                  <Button size="small" danger icon={<RollbackOutlined />} onClick={() => act(r, 'rollback')}>
                    回滚
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <StagingModal
        release={staging}
        onClose={() => setStaging(null)}
        onSaved={(next) => {
          setStaging(null);
          message.success(
            `已调整 ${next.version} 的分批：${next.stagingPercentage}%${next.stagingDivisions.length ? `，限 ${next.stagingDivisions.join('、')}` : ''}`,
          );
          releases.reload();
        }}
      />
    </>
  );
}
