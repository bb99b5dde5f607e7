import { lazy, Suspense, useMemo, useState } from 'react';
import { Layout, Spin } from 'antd';
import { TopBar } from '../components/TopBar';
import { NavContext, type Nav, type Route } from './nav';

const HomeScreen = lazy(() => import('../screens/HomeScreen').then((m) => ({ default: m.HomeScreen })));
const ResidentsScreen = lazy(() => import('../screens/ResidentsScreen').then((m) => ({ default: m.ResidentsScreen })));
const ItemPickerScreen = lazy(() => import('../screens/ItemPickerScreen').then((m) => ({ default: m.ItemPickerScreen })));
const ApplicationScreen = lazy(() => import('../screens/ApplicationScreen').then((m) => ({ default: m.ApplicationScreen })));
const ReceiptScreen = lazy(() => import('../screens/ReceiptScreen').then((m) => ({ default: m.ReceiptScreen })));
const QueueScreen = lazy(() => import('../screens/QueueScreen').then((m) => ({ default: m.QueueScreen })));
const DetailScreen = lazy(() => import('../screens/DetailScreen').then((m) => ({ default: m.DetailScreen })));

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomeScreen />;
    case 'residents':
      return <ResidentsScreen />;
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
  }
}

/** The logged-in terminal: top bar and the current screen. */
export function Shell() {
  const [route, setRoute] = useState<Route>({ name: 'home' });
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
        <TopBar />
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
    </NavContext.Provider>
  );
}
