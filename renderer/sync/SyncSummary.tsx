import { LoadingOutlined } from '@ant-design/icons';
import { connectionOf, phaseText } from './labels';
import { useSyncStatus } from './sync-store';

/** The home screen's two lines about the platform: connected or not, and what that means for the queue. */
export function SyncSummary({ queueDepth }: { queueDepth: number | undefined }) {
  const { status } = useSyncStatus();
  const connection = connectionOf(status);
  const waiting = status?.enrolled ? status.pending : queueDepth;
  const count = waiting === undefined ? '…' : String(waiting);

  let headline: string;
  let detail: React.ReactNode;
  if (connection === 'online') {
    headline = '已连接省级平台';
    detail = status?.syncing ? (
      <>
        <LoadingOutlined /> 正在同步：{phaseText(status)}
      </>
    ) : waiting === 0 ? (
      '所有记录都已上传'
    ) : (
      `${count} 条记录待上传，正在自动上传`
    );
  } else if (connection === 'unenrolled' || connection === 'offline') {
    headline = '未连接省级平台（离线）';
    detail = connection === 'unenrolled' ? `本机尚未接入省级平台，${count} 条记录保存在本机` : `${count} 条记录保存在本机，网络恢复后自动上报`;
  } else {
    headline = '尚未检测网络';
    detail = `${count} 条记录保存在本机，联网后自动上报`;
  }
  return (
    <>
      <div>{headline}</div>
      <div className="muted" style={{ fontSize: 14 }}>
        {detail}
      </div>
    </>
  );
}
