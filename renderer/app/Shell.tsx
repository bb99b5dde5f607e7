import { lazy, Suspense, useMemo, useState } from 'react';
import { Layout, Spin } from 'antd';
import { TopBar } from './TopBar';
import { DecisionNotifier } from '../village/DecisionNotifier';
import { UpdateBanner } from '../updates/UpdateBanner';
import { StoreAlert } from '../maintenance/StoreAlert';
import { NavContext, type Nav, type Route } from './nav';
import { useSession } from './session';
import { ScreenLockCurtain, useScreenLock } from '../session/ScreenLock';

const HomeScreen = lazy(() => import('../home/HomeScreen').then((m) => ({ default: m.HomeScreen })));
const ResidentsScreen = lazy(() => import('../residents/ResidentsScreen').then((m) => ({ default: m.ResidentsScreen })));
const ResidentScreen = lazy(() => import('../residents/ResidentScreen').then((m) => ({ default: m.ResidentScreen })));
const ItemPickerScreen = lazy(() => import('../intake/ItemPickerScreen').then((m) => ({ default: m.ItemPickerScreen })));
const ApplicationScreen = lazy(() => import('../intake/ApplicationScreen').then((m) => ({ default: m.ApplicationScreen })));
const ReceiptScreen = lazy(() => import('../intake/ReceiptScreen').then((m) => ({ default: m.ReceiptScreen })));
const QueueScreen = lazy(() => import('../applications/QueueScreen').then((m) => ({ default: m.QueueScreen })));
const DetailScreen = lazy(() => import('../applications/DetailScreen').then((m) => ({ default: m.DetailScreen })));
const SupplementScreen = lazy(() => import('../village/SupplementScreen').then((m) => ({ default: m.SupplementScreen })));
const DocumentScreen = lazy(() => import('../print/DocumentScreen').then((m) => ({ default: m.DocumentScreen })));
const HandoverScreen = lazy(() => import('../handover/HandoverScreen').then((m) => ({ default: m.HandoverScreen })));
const StatsScreen = lazy(() => import('../stats/StatsScreen').then((m) => ({ default: m.StatsScreen })));
const ReviewListScreen = lazy(() => import('../review/ReviewListScreen').then((m) => ({ default: m.ReviewListScreen })));
const ItScreen = lazy(() => import('../it/ItScreen').then((m) => ({ default: m.ItScreen })));
const MaintenanceScreen = lazy(() => import('../maintenance/MaintenanceScreen').then((m) => ({ default: m.MaintenanceScreen })));
const LedgerPrintScreen = lazy(() => import('../stats/LedgerPrintScreen').then((m) => ({ default: m.LedgerPrintScreen })));
const ReceiptCheckScreen = lazy(() => import('../review/ReceiptCheckScreen').then((m) => ({ default: m.ReceiptCheckScreen })));
const FollowUpScreen = lazy(() => import('../ratings/FollowUpScreen').then((m) => ({ default: m.FollowUpScreen })));
const ReviewDetailScreen = lazy(() => import('../review/ReviewDetailScreen').then((m) => ({ default: m.ReviewDetailScreen })));

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomeScreen />;
    case 'residents':
      return <ResidentsScreen />;
    case 'resident':
      return <ResidentScreen key={route.residentId} residentId={route.residentId} />;
    case 'items':
      return <ItemPickerScreen resident={route.resident} />;
    case 'form':
      return <ApplicationScreen key={route.applicationId} applicationId={route.applicationId} />;
    case 'receipt':
      return <ReceiptScreen key={route.applicationId} applicationId={route.applicationId} />;
    case 'queue':
      return <QueueScreen />;
    case 'detail':
      return <DetailScreen key={route.applicationId} applicationId={route.applicationId} />;
    case 'supplement':
      return <SupplementScreen key={route.applicationId} applicationId={route.applicationId} />;
    case 'document':
      return <DocumentScreen key={`${route.kind}:${route.id}`} kind={route.kind} id={route.id} back={route.back} />;
    case 'handover':
      return <HandoverScreen />;
    case 'stats':
      return <StatsScreen />;
    case 'review':
      return <ReviewListScreen />;
    case 'review-detail':
      return <ReviewDetailScreen key={route.applicationId} applicationId={route.applicationId} />;
    case 'ledger':
      return <LedgerPrintScreen from={route.from} to={route.to} />;
    case 'receipt-check':
      return <ReceiptCheckScreen />;
    case 'follow-ups':
      return <FollowUpScreen />;
    case 'it':
      return <ItScreen />;
    case 'maintenance':
      return <MaintenanceScreen />;
  }
}

/** The first screen after login: the reviewer's worklist, everyone else's home screen. */
export function homeRoute(role: string): Route {
  if (role === 'it') return { name: 'it' };
  return role === 'reviewer' ? { name: 'review' } : { name: 'home' };
}

/** The logged-in terminal: top bar and the current screen. */
export function Shell() {
  const { user, idleLockMinutes, startLocked, logout } = useSession();
  const screenLock = useScreenLock(idleLockMinutes, startLocked);
  const [route, setRoute] = useState<Route>(() => homeRoute(user.role));
  const nav: Nav = useMemo(
    () => ({
      route,
      go: (next) => {
        setRoute(next);
        window.scrollTo(0, 0);
      },
    }),
    [route],
  );
  return (
    <NavContext.Provider value={nav}>
      <Layout style={{ minHeight: '100vh' }}>
        <TopBar onLock={() => void screenLock.lock()} />
        <UpdateBanner />
        <StoreAlert />
        {user.role !== 'reviewer' && <DecisionNotifier />}
        <Layout.Content>
          <Suspense
            fallback={
              <div className="screen">
                <Spin /> 正在打开…
              </div>
            }
          >
            <Screen route={route} />
          </Suspense>
        </Layout.Content>
      </Layout>
      {screenLock.locked && <ScreenLockCurtain displayName={user.displayName} onUnlocked={screenLock.unlocked} onSignedOut={logout} />}
    </NavContext.Provider>
  );
}
