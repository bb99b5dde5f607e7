import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupKind, RestorePreview, RestoreResult } from '../../core/api/backup-methods';
import { DaibanError } from '../../core/errors';
import { appendAudit, openStore, type StoreDb, type UserRow } from '../../db';
import type { StationContext } from '../context';
import type { StoreHandle } from '../runtime/store-handle';
import { buildBackup, finishCopiedBackup, type BuildDeps } from './build';
import { applyCarryOver, readCarryOver } from './carry-over';
import { ASIDE_PREFIX, BACKUP_ID, backupDir, backupsDir, DB_FILE, poolDir, TEMP_PREFIX } from './layout';
import { readManifest, writeManifest, type Manifest } from './manifest';
import { prunePool, restoreScans } from './pool';
import { restorePreview } from './restore-preview';
import { backupsToDelete } from './retention';
import { referencedScans } from './store-facts';
import { swapStoreFiles } from './swap-files';
import { findBackupProblem, readScanList } from './verify';

export interface BackupServiceOptions {
  dataDir: string;
  key: Buffer;
  ctx: StationContext;
  /** The store's owner: a restore hands it the new connection. */
  store: StoreHandle;
  /** The sync agent's schedule: stopped while a restore swaps the store, started again after. */
  sync: { start(): void; stop(): Promise<void> };
  /** Whether the sync agent's schedule runs again after a restore (false when the host never started it). */
  resumeSync: boolean;
}

/**
 * Backups of this terminal's store: create, list, verify, prune, restore. One operation at a time (a
 * restore never meets a half-made backup). A restore swaps the store in-process through the StoreHandle (the
 * context reads `db` and `catalog` from it); statement caches are per connection (db/statements.ts), so
 * nothing keeps the old one.
 */
export class BackupService {
  private lock: Promise<unknown> = Promise.resolve();
  private readonly deps: BuildDeps;

  constructor(private readonly o: BackupServiceOptions) {
    this.deps = {
      dataDir: o.dataDir,
      key: o.key,
      now: () => o.ctx.clock.now(),
      onCopied: (ms, bytes) => o.ctx.log.info({ ms: Math.round(ms), bytes }, 'backup: store copied (VACUUM INTO)'),
    };
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** Every complete backup, newest first (temp and set-aside directories are not backups). */
  list(): Manifest[] {
    const dir = backupsDir(this.o.dataDir);
    if (!existsSync(dir)) return [];
    const out: Manifest[] = [];
    for (const name of readdirSync(dir)) {
      if (!BACKUP_ID.test(name)) continue;
      const m = readManifest(join(dir, name));
      if (m && m.id === name) out.push(m);
    }
    return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id.localeCompare(a.id)));
  }

  private find(id: string): Manifest {
    const m = BACKUP_ID.test(id) ? readManifest(backupDir(this.o.dataDir, id)) : null;
    if (!m || m.id !== id) throw new DaibanError('NOT_FOUND', '找不到这份备份，可能已被清理。', { id });
    return m;
  }

  create(kind: BackupKind, actor?: UserRow): Promise<Manifest> {
    return this.exclusive(() => this.createNow(kind, actor));
  }

  private async createNow(kind: BackupKind, actor?: UserRow): Promise<Manifest> {
    const m = await buildBackup(this.deps, this.o.ctx.db, kind);
    if (actor) {
      const db = this.o.ctx.db;
      db.transaction(() =>
        appendAudit(db, {
          at: m.createdAt,
          actorId: actor.id,
          action: 'backup_created',
          entityType: 'backup',
          entityId: m.id,
          detail: { kind, verified: !m.problem },
        }),
      )();
    }
    this.pruneNow();
    return m;
  }

  /** Checks the backup again and records the outcome in its manifest. */
  verify(id: string): Promise<Manifest> {
    return this.exclusive(() => this.verifyNow(id));
  }

  private async verifyNow(id: string): Promise<Manifest> {
    const m = this.find(id);
    const dir = backupDir(this.o.dataDir, id);
    const problem = await findBackupProblem(dir, m, this.o.key, poolDir(this.o.dataDir));
    const checked: Manifest = { ...m, verifiedAt: problem ? null : this.deps.now().toISOString(), problem };
    writeManifest(dir, checked);
    return checked;
  }

  preview(id: string): RestorePreview {
    const m = this.find(id);
    return restorePreview(this.o.ctx.db, backupDir(this.o.dataDir, id), m, this.o.key);
  }

  /** Deletes backups beyond the retention rules and pooled scans none of the rest refers to. */
  prune(): Promise<void> {
    return this.exclusive(async () => this.pruneNow());
  }

  private pruneNow(): void {
    const all = this.list();
    const doomed = new Set(backupsToDelete(all.map((m) => ({ id: m.id, kind: m.kind, createdAt: m.createdAt, verified: m.verifiedAt !== null }))));
    const keepScans = new Set<string>();
    for (const m of all) {
      const dir = backupDir(this.o.dataDir, m.id);
      if (doomed.has(m.id)) rmSync(dir, { recursive: true, force: true });
      else for (const sha of readScanList(dir)) keepScans.add(sha);
    }
    prunePool(poolDir(this.o.dataDir), keepScans);
  }

  /**
   * Clears what a crash left: temp directories of an unfinished backup (a pre-migration copy is finished
   * instead: it may be the only way back from a failed upgrade) and set-aside store files of a restore
   * that completed. Runs once at start, before the first scheduled backup.
   */
  cleanup(): Promise<number> {
    return this.exclusive(async () => {
      const dir = backupsDir(this.o.dataDir);
      if (!existsSync(dir)) return 0;
      let cleaned = 0;
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (name.startsWith(TEMP_PREFIX)) {
          const id = name.slice(TEMP_PREFIX.length);
          if (id.includes('-pre-migration-') && existsSync(join(path, DB_FILE)) && !existsSync(backupDir(this.o.dataDir, id))) {
            try {
              await finishCopiedBackup(this.deps, path, id, 'pre-migration', isoFromId(id));
              continue;
            } catch (err) {
              this.o.ctx.log.warn({ err, id }, 'backup: unfinished pre-migration copy is unusable');
            }
          }
          rmSync(path, { recursive: true, force: true });
          cleaned++;
        } else if (name.startsWith(ASIDE_PREFIX)) {
          rmSync(path, { recursive: true, force: true });
          cleaned++;
        }
      }
      return cleaned;
    });
  }

  /** Finishes the copy db/open.ts made before a migration (see pre-migration.ts), inside the lock. */
  adopt(finish: () => Promise<Manifest | null>): Promise<Manifest | null> {
    return this.exclusive(async () => {
      const m = await finish();
      if (m) this.pruneNow();
      return m;
    });
  }

  /**
   * Verifies the backup, backs up the current store (pre-restore), then swaps the files and reopens.
   * On any failure after the old store was closed, its files are put back and it is reopened.
   */
  restore(id: string, actor: UserRow): Promise<RestoreResult> {
    return this.exclusive(() => this.restoreNow(id, actor));
  }

  private async restoreNow(id: string, actor: UserRow): Promise<RestoreResult> {
    const { ctx, dataDir, key } = this.o;
    const checked = await this.verifyNow(id);
    if (checked.problem) throw new DaibanError('BACKUP_INVALID', `这份备份未通过校验，不能用于恢复：${checked.problem}`, { id });
    const preview = restorePreview(ctx.db, backupDir(dataDir, id), checked, key);
    const old = ctx.db;
    old.transaction(() =>
      appendAudit(old, {
        at: this.deps.now().toISOString(),
        actorId: actor.id,
        action: 'backup_restore_started',
        entityType: 'backup',
        entityId: id,
        detail: { backupCreatedAt: checked.createdAt, applicationsLost: preview.applicationsLost },
      }),
    )();
    // No sync run may write to the store between the pre-restore copy and the swap (it would be lost).
    await this.o.sync.stop();
    let pre: Manifest;
    try {
      pre = await buildBackup(this.deps, old, 'pre-restore');
    } catch (err) {
      ctx.log.error({ err }, 'backup: pre-restore copy failed');
      if (this.o.resumeSync) this.o.sync.start();
      throw new DaibanError('RESTORE_FAILED', '恢复前无法先备份当前数据（磁盘空间不足？），没有进行恢复，当前数据未改动。');
    }
    const carry = readCarryOver(old);

    // From here to swapIn everything is synchronous: no other call can see the store closed or half swapped.
    old.close();
    let fresh: StoreDb;
    try {
      fresh = swapStoreFiles({
        dataDir,
        key,
        backupFile: join(backupDir(dataDir, id), DB_FILE),
        asideDir: join(backupsDir(dataDir), `${ASIDE_PREFIX}${pre.id}`),
        prepare: (db) => {
          restoreScans(join(dataDir, 'attachments'), poolDir(dataDir), referencedScans(db));
          db.transaction(() => {
            applyCarryOver(db, carry);
            appendAudit(db, {
              at: this.deps.now().toISOString(),
              actorId: actor.id,
              action: 'backup_restored',
              entityType: 'backup',
              entityId: id,
              detail: { backupCreatedAt: checked.createdAt, preRestoreId: pre.id, applicationsLost: preview.applicationsLost },
            });
          })();
        },
      });
    } catch (err) {
      ctx.log.error({ err, id }, 'backup: restore failed, the previous store is back');
      this.swapIn(openStore({ file: join(dataDir, DB_FILE), key }));
      throw new DaibanError('RESTORE_FAILED', '恢复没有完成，已退回到恢复前的数据，请联系县级运维人员。', { id });
    }
    this.swapIn(fresh);
    // The restored accounts may differ (a password changed since): everyone logs in again.
    ctx.session.user = null;
    this.pruneNow();
    ctx.log.info({ id, preRestoreId: pre.id }, 'backup: restored');
    return { backup: preview.backup, preRestoreId: pre.id, applicationsLost: preview.applicationsLost };
  }

  private swapIn(db: StoreDb): void {
    this.o.store.replace(db);
    if (this.o.resumeSync) this.o.sync.start();
  }
}

/** `20261127T215207Z-…` → its ISO time. */
function isoFromId(id: string): string {
  const s = id.slice(0, 16);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.000Z`;
}
