import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isDaibanError } from '../../core/errors';
import { MIGRATIONS, schemaFloor } from '../../db';
import { createStation, type Station } from '../../station/station';
import { silentLog } from '../helpers/station';
import { PLATFORM_ADMIN, provisionWithApplications, submitApplication } from '../helpers/sync';

/**
 * Issue #16, a rollback past a migration, with two real store versions: the build before store migration 016
 * (it knows 015) and the build with it. The newer build upgrades the store (copying it first) and takes more
 * work; the older build, started again on it, does not end unable to open its store: it goes back to the copy,
 * keeps the newer files aside untouched and says what they hold beyond it. Without a copy it refuses, untouched.
 */

// Pinned to the two builds around store migration 016, whatever later migrations exist.
const OLDER = MIGRATIONS.slice(0, 15);
const NEWER = MIGRATIONS.slice(0, 16);
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const key = randomBytes(32);
const ADMIN = { ...PLATFORM_ADMIN, role: 'admin' as const };

function open(dataDir: string, build: 'older' | 'newer'): Station {
  return createStation({
    dataDir,
    key,
    log: silentLog,
    sync: { autoStart: false, appVersion: build === 'older' ? '1.4.0' : '1.5.0' },
    backups: { autoStart: false },
    storeMigrations: build === 'older' ? OLDER : NEWER,
  });
}

async function applications(s: Station): Promise<number> {
  await s.call('session.login', { username: ADMIN.username, password: ADMIN.password });
  const n = (await s.call('applications.list', { limit: 100 })).items.length;
  await s.call('session.logout', {});
  return n;
}

async function untilPreMigrationBackup(s: Station): Promise<void> {
  await s.call('session.login', { username: ADMIN.username, password: ADMIN.password });
  const end = Date.now() + 10_000;
  while (!(await s.call('backups.list', {})).some((b) => b.kind === 'pre-migration')) {
    assert.ok(Date.now() < end, 'the pre-migration copy is listed');
    await new Promise((r) => setTimeout(r, 50));
  }
  await s.call('session.logout', {});
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('an older build on a store the newer one migrated goes back to the copy made before it, and says what was set aside', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'daiban-rollback-'));
  dirs.push(dataDir);

  // 1.4.0 (store 015): two applications.
  let s = open(dataDir, 'older');
  await provisionWithApplications(s, ADMIN, 2);
  assert.equal(s.ctx.db.pragma('user_version', { simple: true }), 15);
  await s.close();

  // 1.5.0 (store 016): upgrades after a copy, records who upgraded it, takes a third application.
  s = open(dataDir, 'newer');
  assert.deepEqual(schemaFloor(s.ctx.db), { schemaVersion: 16, appVersion: '1.5.0' });
  await untilPreMigrationBackup(s);
  await s.call('session.login', { username: ADMIN.username, password: ADMIN.password });
  await submitApplication(s, 3);
  await s.call('session.logout', {});
  assert.equal(await applications(s), 3);
  await s.close();

  // Back to 1.4.0: it opens, on the copy, with the newer store aside and counted.
  s = open(dataDir, 'older');
  try {
    assert.equal(s.ctx.db.pragma('user_version', { simple: true }), 15);
    assert.equal(await applications(s), 2, 'the store as it was before the upgrade');
    const state = await s.call('diagnostics.storeState', {});
    assert.equal(state.notice?.kind, 'rolled_back');
    assert.match(
      state.notice!.message,
      /无法打开新版本升级过的数据（第16版），已恢复到升级前的备份（\d{4}-\d{2}-\d{2} \d{2}:\d{2}），其后办理的 1 件申请（其中 2 条记录尚未上传）保存在另存的数据文件中/,
    );
    const aside = readdirSync(join(dataDir, 'newer-store'));
    assert.equal(aside.length, 1);
    assert.match(aside[0]!, /-schema-16$/);
    assert.ok(existsSync(join(dataDir, 'newer-store', aside[0]!, 'daiban.db')), 'the newer store kept, untouched');
    // The terminal works on: a new application is taken and queued.
    await s.call('session.login', { username: ADMIN.username, password: ADMIN.password });
    await submitApplication(s, 4);
    await s.call('session.logout', {});
    assert.equal(await applications(s), 3);
  } finally {
    await s.close();
  }
  // The notice belongs to the version that wrote it: a newer build starting later does not repeat it.
  s = open(dataDir, 'newer');
  try {
    assert.equal((await s.call('diagnostics.storeState', {})).notice, null);
  } finally {
    await s.close();
  }
});

test('without a copy to go back to, the older build refuses in Chinese and leaves every file as it was', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'daiban-rollback-'));
  dirs.push(dataDir);
  let s = open(dataDir, 'newer');
  await provisionWithApplications(s, ADMIN, 1);
  await s.close();
  const before = sha(join(dataDir, 'daiban.db'));
  assert.throws(
    () => (s = open(dataDir, 'older')),
    (e: unknown) =>
      isDaibanError(e) && e.code === 'STORE_NEWER' && /数据第16版，本软件只认识到第15版），也没有可用的升级前备份。数据未作任何改动/.test(e.message),
  );
  assert.equal(sha(join(dataDir, 'daiban.db')), before);
  assert.equal(existsSync(join(dataDir, 'newer-store')), false);
});
