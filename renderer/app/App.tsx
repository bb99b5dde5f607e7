import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Button, ConfigProvider, Result, Spin } from 'antd';
import type { DisplaySettings, ServicePointView, UserView } from '../../core/api/views';
import { call, errorMessage, hasTransport, isPadWindow } from '../api/client';
import { ForcedPasswordScreen } from '../session/ForcedPasswordScreen';
import { LoginScreen } from '../session/LoginScreen';
import { refreshSyncStatus, useSyncStatus } from '../sync/sync-store';
import { flushPendingSaves } from './pending-saves';
import { SessionContext, type Session } from './session';
import { Shell } from './Shell';
import { themeFor } from './theme';

// The resident's screen (评价屏) only: kept out of the terminal's bundle.
const RatingPad = lazy(() => import('../ratings/RatingPad').then((m) => ({ default: m.RatingPad })));
// First run only: kept out of the login screen's bundle.
const EnrollScreen = lazy(() => import('../sync/EnrollScreen').then((m) => ({ default: m.EnrollScreen })));

type Boot =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; servicePoint: ServicePointView; user: UserView | null; idleLockMinutes: number; locked: boolean; display: DisplaySettings };

const STANDARD: DisplaySettings = { fontSize: 'standard', highContrast: false };

/** The division code the station reports until the terminal has been set up (station.ts readServicePoint). */
const NEVER_SET_UP = '000000000000';

/**
 * Finds out whether someone is logged in, then shows the terminal, the login screen, or — on a terminal never
 * set up and not enrolled — the enrollment screen (the login screen links to it while not enrolled).
 */
function AppScreens({ onDisplay }: { onDisplay(d: DisplaySettings): void }) {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  /** Decided once at start-up by the rule above, then by the cadre (login link, 去登录). */
  const [enrolling, setEnrolling] = useState(false);
  // Live for the whole app (callable before login); a station that cannot tell leaves it null → login screen.
  const { status: sync } = useSyncStatus();

  const load = useCallback(() => {
    if (!hasTransport()) {
      setBoot({ state: 'failed', message: '本页面缺少访问凭证，请从代办终端的快捷方式重新打开。' });
      return;
    }
    setBoot({ state: 'loading' });
    Promise.all([call('session.current', {}), refreshSyncStatus()])
      .then(([s, sync]) => {
        setEnrolling(!s.user && sync?.enrolled === false && s.servicePoint.divisionCode === NEVER_SET_UP);
        setBoot({ state: 'ready', servicePoint: s.servicePoint, user: s.user, idleLockMinutes: s.idleLockMinutes, locked: s.locked, display: s.display });
      })
      .catch((e) => setBoot({ state: 'failed', message: errorMessage(e) }));
  }, []);

  useEffect(load, [load]);
  const display = boot.state === 'ready' ? boot.display : STANDARD;
  useEffect(() => onDisplay(display), [display, onDisplay]);

  const logout = useCallback(() => {
    flushPendingSaves()
      .then(() => call('session.logout', {}))
      .finally(() => setBoot((b) => (b.state === 'ready' ? { ...b, user: null } : b)));
  }, []);

  const session: Session | null = useMemo(
    () =>
      boot.state === 'ready' && boot.user
        ? {
            user: boot.user,
            servicePoint: boot.servicePoint,
            idleLockMinutes: boot.idleLockMinutes,
            startLocked: boot.locked,
            setIdleLockMinutes: (minutes: number) => setBoot((b) => (b.state === 'ready' ? { ...b, idleLockMinutes: minutes } : b)),
            display: boot.display,
            setDisplay: (display: DisplaySettings) => setBoot((b) => (b.state === 'ready' ? { ...b, display } : b)),
            logout,
          }
        : null,
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
    if (enrolling) {
      return (
        <Suspense
          fallback={
            <div className="boot">
              <Spin /> 正在打开…
            </div>
          }
        >
          <EnrollScreen
            onDone={(servicePoint) => {
              setEnrolling(false);
              setBoot((b) => ({
                state: 'ready',
                servicePoint,
                user: null,
                idleLockMinutes: 5,
                locked: false,
                display: b.state === 'ready' ? b.display : STANDARD,
              }));
            }}
          />
        </Suspense>
      );
    }
    return (
      <LoginScreen servicePoint={boot.servicePoint} notEnrolled={sync?.enrolled === false} onLoggedIn={(user) => setBoot({ ...boot, user, locked: false })} />
    );
  }
  if (session.user.mustChangePassword) {
    return (
      <ForcedPasswordScreen
        user={session.user}
        onChanged={() => setBoot((b) => (b.state === 'ready' && b.user ? { ...b, user: { ...b.user, mustChangePassword: false } } : b))}
        onLogout={logout}
      />
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}

/**
 * The terminal's 字号与对比度 (docs/terminal-ui.md): a ConfigProvider over the base theme, and the same on the
 * page's root element for the app's own CSS.
 */
export function App() {
  const [display, setDisplay] = useState<DisplaySettings>(STANDARD);
  useEffect(() => {
    document.documentElement.dataset.font = display.fontSize;
    document.documentElement.dataset.contrast = display.highContrast ? 'high' : 'normal';
  }, [display]);
  const theme = useMemo(() => themeFor(display), [display]);
  return (
    <ConfigProvider theme={theme}>
      {isPadWindow() ? (
        <Suspense fallback={<Spin />}>
          <RatingPad />
        </Suspense>
      ) : (
        <AppScreens onDisplay={setDisplay} />
      )}
    </ConfigProvider>
  );
}
