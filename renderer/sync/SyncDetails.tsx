import { Descriptions, Space, Tag, type DescriptionsProps } from 'antd';
import { LoadingOutlined } from '@ant-design/icons';
import type { SyncStatusView } from '../../core/api/views';
import { showDateTime } from '../shared/time';
import { CONNECTION_COLORS, CONNECTION_LABELS, connectionOf, phaseText } from './labels';

type Row = NonNullable<DescriptionsProps['items']>[number];

/** The facts of the link: online or not, when it last worked, when it tries next, what still waits. */
export function SyncDetails({ status: s }: { status: SyncStatusView }) {
  const connection = connectionOf(s);
  const rows: (Row | false)[] = [
    {
      key: 'online',
      label: '网络状态',
      children: (
        <Space size={8} wrap>
          <Tag color={CONNECTION_COLORS[connection]} style={{ margin: 0 }}>
            {CONNECTION_LABELS[connection]}
          </Tag>
          {s.syncing && (
            <span>
              <LoadingOutlined /> 正在同步：{phaseText(s)}
            </span>
          )}
        </Space>
      ),
    },
    { key: 'success', label: '上次成功同步', children: s.lastSuccessAt ? showDateTime(s.lastSuccessAt) : '还没有成功同步过' },
    { key: 'attempt', label: '上次尝试', children: showDateTime(s.lastAttemptAt) },
    // Only worth saying while backing off after a failure; otherwise the agent just syncs on its schedule.
    !!s.nextAttemptAt && !!s.lastError && !s.syncing && { key: 'next', label: '下次尝试', children: `${showDateTime(s.nextAttemptAt)}（到时自动重试）` },
    {
      key: 'pending',
      // Applications and everything else a terminal sends (supplements, decisions, residents, ratings…).
      label: '待上传记录',
      children: (
        <>
          <strong>{s.pending}</strong> 条
        </>
      ),
    },
    {
      key: 'blobs',
      label: '待上传附件',
      children: (
        <>
          <strong>{s.pendingBlobs}</strong> 个
        </>
      ),
    },
    !!s.platformUrl && { key: 'url', label: '平台地址', children: <span style={{ wordBreak: 'break-all' }}>{s.platformUrl}</span> },
  ];
  return <Descriptions column={1} size="small" bordered styles={{ label: { width: 130 } }} items={rows.filter((r): r is Row => r !== false)} />;
}
