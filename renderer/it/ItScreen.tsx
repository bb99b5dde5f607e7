import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Space, Spin, Tabs, Tag } from 'antd';
import { ApiOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ItStatusView } from '../../core/api/it-methods';
import { call, StationCallError } from '../api/client';
import { AccountsTab } from './AccountsTab';
import { CatalogTab } from './CatalogTab';
import { CodesTab } from './CodesTab';
import { ConnectPanel } from './ConnectPanel';
import { FleetTab } from './FleetTab';
import { ItLinkContext, type ItLink } from './it-context';
import { shortDivision } from './labels';
import { ReleasesTab } from './ReleasesTab';
import { TransferTab } from './TransferTab';

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; status: ItStatusView };

/**
 * 运维控制台: the IT role's screens, all of them on the platform (fleet, codes, accounts, catalog, releases, a
 * village's USB file imported through this terminal).
 * Opens on `it.status` (which waits for the session being opened at login); without a session, the password
 * prompt; a session lost later (expired, `IT_PASSWORD_REQUIRED`) brings the prompt back with the reason.
 */
export function ItScreen() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [tab, setTab] = useState('fleet');

  const refresh = useCallback(() => {
    setLoad({ state: 'loading' });
    call('it.status', {}).then(
      (status) => setLoad({ state: 'ready', status }),
      (e) => setLoad({ state: 'failed', message: StationCallError.from(e).message }),
    );
  }, []);
  useEffect(refresh, [refresh]);

  const link: ItLink = useMemo(
    () => ({
      failed: (e) => {
        const err = StationCallError.from(e);
        if (err.code === 'IT_PASSWORD_REQUIRED') {
          setLoad((l) =>
            l.state === 'ready'
              ? { state: 'ready', status: { ...l.status, connected: false, account: null, problem: { code: err.code, message: err.message } } }
              : l,
          );
        }
        return err.message;
      },
    }),
    [],
  );

  const status = load.state === 'ready' ? load.status : null;
  return (
    <div className="screen">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} align="center">
        <h1 className="screen-title" style={{ margin: 0 }}>
          运维控制台
        </h1>
        {status?.connected && (
          <Space size={8}>
            <Tag color="green" icon={<ApiOutlined />} style={{ marginInlineEnd: 0 }}>
              已连接省级平台
            </Tag>
            <span className="muted" style={{ fontSize: 14 }}>
              {status.platformUrl}
              {status.account ? ` · 管辖区划 ${status.account.divisionName ?? shortDivision(status.account.divisionCode)}` : ''}
            </span>
          </Space>
        )}
      </Space>
      {load.state === 'loading' && (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin /> 正在连接省级平台…
        </div>
      )}
      {load.state === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={load.message}
          action={
            <Button icon={<ReloadOutlined />} onClick={refresh}>
              重试
            </Button>
          }
        />
      )}
      {status && !status.connected && (
        <ConnectPanel key={status.problem?.message ?? ''} status={status} onConnected={(next) => setLoad({ state: 'ready', status: next })} />
      )}
      {status?.connected && (
        <ItLinkContext.Provider value={link}>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            destroyOnHidden
            items={[
              { key: 'fleet', label: '终端', children: <FleetTab /> },
              { key: 'codes', label: '注册码', children: <CodesTab /> },
              { key: 'accounts', label: '账号', children: <AccountsTab /> },
              { key: 'catalog', label: '事项目录', children: <CatalogTab /> },
              { key: 'releases', label: '版本发布', children: <ReleasesTab /> },
              { key: 'transfer', label: 'U盘导入', children: <TransferTab /> },
            ]}
          />
        </ItLinkContext.Provider>
      )}
    </div>
  );
}
