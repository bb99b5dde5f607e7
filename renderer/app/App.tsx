import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Result, Spin } from 'antd';
import type { ServicePointView, UserView } from '../../core/api/views';
import { call, errorMessage, hasTransport } from '../api/client';
import { LoginScreen } from '../screens/LoginScreen';
import { flushPendingSaves } from './pending-saves';
import { SessionContext, type Session } from './session';
import { Shell } from './Shell';

type Boot =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; servicePoint: ServicePointView; user: UserView | null };

/** Finds out whether someone is logged in, then shows the login screen or the terminal. */
export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });

  const load = useCallback(() => {
    if (!hasTransport()) {
      setBoot({ state: 'failed', message: '本页面缺少访问凭证，请从代办终端的快捷方式重新打开。' });
      return;
    }
    setBoot({ state: 'loading' });
    call('session.current', {})
      .then((s) => setBoot({ state: 'ready', servicePoint: s.servicePoint, user: s.user }))
      .catch((e) => setBoot({ state: 'failed', message: errorMessage(e) }));
  }, []);

  useEffect(load, [load]);

  const logout = useCallback(() => {
    flushPendingSaves()
      .then(() => call('session.logout', {}))
      .finally(() => setBoot((b) => (b.state === 'ready' ? { ...b, user: null } : b)));
  }, []);

  const session: Session | null = useMemo(
    () => (boot.state === 'ready' && boot.user ? { user: boot.user, servicePoint: boot.servicePoint, logout } : null),
    [boot, logout],
  );

  if (boot.state === 'loading') {
    return (
      <div className="boot">
        <Spin /> 正在连接本机服务…
      </div>
    );
  }
  if (boot.state === 'failed') {
    return (
      <Result
        status="error"
        title="无法连接本机服务"
        subTitle={boot.message}
        extra={
          <Button type="primary" onClick={load}>
            重试
          </Button>
        }
      />
    );
  }
  if (!session) {
    return (
      <LoginScreen
        servicePoint={boot.servicePoint}
        onLoggedIn={(user) => setBoot({ state: 'ready', servicePoint: boot.servicePoint, user })}
      />
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}
