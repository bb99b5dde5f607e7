export { BackupService, type BackupServiceOptions } from './service';
export { BackupScheduler, type BackupScheduleOptions, DAY_MS } from './scheduler';
export { preMigrationBackup } from './pre-migration';
export { backupsToDelete, RETENTION, type RetainedBackup } from './retention';
export { toBackupView, type Manifest } from './manifest';
export { backupsDir, poolDir, backupDir } from './layout';
