import { useEffect, useState } from 'react';
import { Button, Tag } from 'antd';
import { CloudOutlined, DisconnectOutlined, LoadingOutlined } from '@ant-design/icons';
import { SyncDrawer } from './SyncDrawer';
import { CONNECTION_COLORS, CONNECTION_LABELS, connectionOf, phaseText } from './labels';
import { useNav } from '../app/nav';
import { refreshSyncStatus, useSyncStatus } from './sync-store';

/** The top bar's link to the provincial platform: connection, sync progress, what waits; opens the sync panel. */
export function SyncStatus() {
  const { status } = useSyncStatus();
  const [open, setOpen] = useState(false);
  const { route } = useNav();
  // A submit or a withdrawal changes what waits; re-read on every screen change besides the pushes.
  useEffect(() => void refreshSyncStatus(), [route]);
  const connection = connectionOf(status);
  const label = CONNECTION_LABELS[connection];
  const pending = status ? status.pending : null;

  return (
    <>
      <Button
        type="text"
        aria-label={`同步状态：${label}，点击查看详情`}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        style={{ color: '#dfe8f5', display: 'flex', alignItems: 'center', gap: 6, flexShrink: 0, paddingInline: 8 }}
      >
        <Tag
          icon={connection === 'offline' ? <DisconnectOutlined /> : <CloudOutlined />}
          color={CONNECTION_COLORS[connection]}
          style={{ margin: 0, fontSize: 14 }}
        >
          {label}
        </Tag>
        {status?.syncing ? (
          <span role="status" aria-label="正在同步" style={{ fontSize: 14 }}>
            <LoadingOutlined /> {phaseText(status)}
          </span>
        ) : (
          <span role="status" aria-label="待上传" style={{ fontSize: 14 }}>
            待上传 {pending ?? '…'} 条
          </span>
        )}
      </Button>
      <SyncDrawer open={open} onClose={() => setOpen(false)} />
    </>
  );
}
