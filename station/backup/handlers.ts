import type { BackupOutputs, BackupView } from '../../core/api/backup-methods';
import type { Role } from '../../core/api/views';
import { DaibanError } from '../../core/errors';
import { toBackupView, type BackupService } from './';
import type { Handlers } from '../runtime/handler-type';
import { verifyPassword } from '../../base/node/passwords';
import { requireUser } from '../runtime/guard';

/** Backups hold every resident's data: the terminal's admin and county IT staff only. */
const BACKUP_ROLES: readonly Role[] = ['admin', 'it'];

/** The StationApi face of local backups (station/backup/service.ts). */
export function backupHandlers(backups: BackupService): Handlers<keyof BackupOutputs> {
  return {
    'backups.list': (ctx): BackupView[] => {
      requireUser(ctx, BACKUP_ROLES);
      return backups.list().map(toBackupView);
    },
    'backups.create': async (ctx) => {
      const user = requireUser(ctx, BACKUP_ROLES);
      return toBackupView(await backups.create('manual', user));
    },
    'backups.verify': async (ctx, input) => {
      requireUser(ctx, BACKUP_ROLES);
      return toBackupView(await backups.verify(input.id));
    },
    'backups.restorePreview': (ctx, input) => {
      requireUser(ctx, BACKUP_ROLES);
      return backups.preview(input.id);
    },
    /** The password again: a restore replaces everything on this terminal. */
    'backups.restore': async (ctx, input) => {
      const user = requireUser(ctx, BACKUP_ROLES);
      if (!(await verifyPassword(input.password, user.passwordHash))) throw new DaibanError('AUTH_FAILED', '密码不正确，没有进行恢复。');
      return backups.restore(input.id, user);
    },
  };
}
