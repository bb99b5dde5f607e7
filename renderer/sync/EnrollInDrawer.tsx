import { useState } from 'react';
import type { ServicePointView } from '../../core/api/views';
import { call } from '../api/client';
import { flushPendingSaves } from '../app/pending-saves';
import { EnrollDone } from './EnrollDone';
import { EnrollForm } from './EnrollForm';

/**
 * Enrollment by a logged-in admin on a terminal that already has accounts (the station requires an admin
 * then). Afterwards the app starts over at the login screen with the service point the platform set up.
 * The drawer keeps it on screen until then, although the pushed status already says "enrolled".
 */
export function EnrollInDrawer() {
  const [done, setDone] = useState<ServicePointView | null>(null);
  const restart = () =>
    void flushPendingSaves()
      .then(() => call('session.logout', {}))
      .finally(() => window.location.reload());

  if (done) {
    return <EnrollDone servicePoint={done} continueLabel="重新登录" note="本服务点的信息和账号已从省级平台下载，请重新登录。" onContinue={restart} />;
  }
  return <EnrollForm onEnrolled={setDone} />;
}
