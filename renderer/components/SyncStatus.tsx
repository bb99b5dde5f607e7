import { useEffect, useState } from 'react';
import { Tag, Tooltip } from 'antd';
import { CloudOutlined } from '@ant-design/icons';
import { call, onEvent } from '../api/client';
import { useNav } from '../app/nav';

/** The link to the provincial platform and how many applications wait to go up. */
export function SyncStatus() {
  const { route } = useNav();
  const [pending, setPending] = useState<number | null>(null);

  useEffect(() => {
    let alive = true;
    const refresh = () =>
      call('stats.overview', {})
        .then((s) => alive && setPending(s.queueDepth))
        .catch(() => undefined);
    refresh();
    const off = onEvent(() => refresh());
    return () => {
      alive = false;
      off();
    };
  }, [route]);

  return (
    <Tooltip title="网络恢复后将自动上报，无需手动操作">
      <span role="status" aria-label="上报状态" style={{ display: 'flex', alignItems: 'center', gap: 6, flexShrink: 0 }}>
        <Tag icon={<CloudOutlined />} color="default" style={{ margin: 0, fontSize: 14 }}>
          未连接省级平台（离线）
        </Tag>
        <span style={{ color: '#dfe8f5', fontSize: 14 }}>待上报 {pending ?? '…'} 份</span>
      </span>
    </Tooltip>
  );
}
