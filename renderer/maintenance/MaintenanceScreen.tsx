import { BackupCard } from './BackupCard';
import { DiagnosticsCard } from './DiagnosticsCard';
import { ScreenLockCard } from './ScreenLockCard';

/** 系统维护: backups and restore, the diagnostics bundle, the screen lock's time. */
export function MaintenanceScreen() {
  return (
    <div className="screen">
      <h1 className="screen-title">系统维护</h1>
      <BackupCard />
      <DiagnosticsCard />
      <ScreenLockCard />
    </div>
  );
}
