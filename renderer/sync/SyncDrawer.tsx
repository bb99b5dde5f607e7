import { useState } from 'react';
import { Alert, Button, Drawer, Space, Spin } from 'antd';
import { ApiOutlined, SyncOutlined } from '@ant-design/icons';
import { useSession } from '../app/session';
import { EnrollInDrawer } from './EnrollInDrawer';
import { NotEnrolledNotice } from './NotEnrolledNotice';
import { SyncDetails } from './SyncDetails';
import { SyncNowButton } from './SyncNowButton';
import { SyncProblems } from './SyncProblems';
import { useSyncStatus } from './sync-store';
import { TransferPanel } from '../transfer/TransferPanel';

/** The sync panel: the link to the platform in detail, 立即同步, and what the platform sent back. */
export function SyncDrawer({ open, onClose }: { open: boolean; onClose(): void }) {
  const { status, error } = useSyncStatus();
  const { user } = useSession();
  /** Once the admin starts enrolling here, the form and its result stay until the app restarts. */
  const [enrollHere, setEnrollHere] = useState(false);
  return (
    <Drawer title="网络与同步" open={open} onClose={onClose} size={480} destroyOnHidden={!enrollHere}>
      {enrollHere ? (
        <EnrollInDrawer />
      ) : !status ? (
        error ? (
          <Alert type="error" showIcon title="暂时无法读取同步状态" description={error} />
        ) : (
          <Spin description="正在读取同步状态…">
            <div style={{ height: 120 }} />
          </Spin>
        )
      ) : !status.enrolled ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <NotEnrolledNotice canEnroll={user.role === 'admin'} />
          {user.role === 'admin' && (
            <Button size="large" block icon={<ApiOutlined />} onClick={() => setEnrollHere(true)}>
              接入省级平台
            </Button>
          )}
          <Button type="primary" size="large" block icon={<SyncOutlined />} disabled>
            立即同步
          </Button>
        </Space>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <SyncDetails status={status} />
          {status.lastError && <Alert type="warning" showIcon title="上次同步没有完成" description={status.lastError} />}
          <SyncNowButton status={status} />
          <SyncProblems problems={status.problems} />
          <TransferPanel role={status.role} online={status.online} pending={status.pending} />
        </Space>
      )}
    </Drawer>
  );
}
