import { BackupCard } from './BackupCard';
import { DiagnosticsCard } from './DiagnosticsCard';

/** 系统维护: backups and restore, and the diagnostics bundle. */
export function MaintenanceScreen() {
  return (
    <div className="screen">
      <h1 className="screen-title">系统维护</h1>
      <BackupCard />
      <DiagnosticsCard />
    </div>
  );
}
