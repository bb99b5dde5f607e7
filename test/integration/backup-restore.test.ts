import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { parseReceiptNo } from '../../core/receipt-number';
import { LATEST_VERSION, openStore, schemaVersion, verifyAuditChain, type StoreDb } from '../../db';
import { BackupScheduler, backupDir, poolDir, DAY_MS } from '../../station/backup';
import type { Clock } from '../../station/runtime/clock';
import { provisionStation } from '../../station/setup/provision';
import { createStation, type Station } from '../../station/station';
import type { Timers } from '../../station/runtime/timers';
import { refused } from '../helpers/refusals';
import { manualClock, silentLog, TEST_VILLAGE } from '../helpers/station';
import { submitApplication } from '../helpers/sync';

const ADMIN = { username: 'admin01', password: 'Admin2026x', displayName: '王建华', role: 'admin' } as const;
const CADRE = { username: 'cadre01', password: 'Daiban2026', displayName: '李春梅', role: 'cadre' } as const;

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function open(dataDir: string, key: Buffer, clock?: Clock, extra: Partial<Parameters<typeof createStation>[0]> = {}): Station {
  return createStation({ dataDir, key, clock, log: silentLog, sync: { autoStart: false }, backups: { autoStart: false }, ...extra });
}

async function adminStation(clock?: Clock) {
  const dataDir = mkdtempSync(join(tmpdir(), 'daiban-backup-'));
  dirs.push(dataDir);
  const key = randomBytes(32);
  const station = open(dataDir, key, clock);
  await provisionStation(station, {
    servicePoint: { name: '瑞金市叶坪乡华屋村为民服务代办点', divisionCode: TEST_VILLAGE, terminalNo: 1 },
    catalog: SEED_CATALOG,
    users: [ADMIN, CADRE],
  });
  await station.call('session.login', { username: ADMIN.username, password: ADMIN.password });
  return { dataDir, key, station };
}

const scan = (shade: string) =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: shade } })
    .png()
    .toBuffer();

/** The rows a restore must bring back exactly. */
function snapshot(db: StoreDb) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    residents: all('SELECT * FROM residents ORDER BY id'),
    applications: all('SELECT * FROM applications ORDER BY id'),
    materials: all('SELECT * FROM application_materials ORDER BY application_id, material_key'),
    events: all('SELECT * FROM application_events ORDER BY seq'),
    attachments: all('SELECT * FROM attachments ORDER BY id'),
    outbox: all('SELECT * FROM outbox ORDER BY seq'),
  };
}

test('backup → more work → restore brings back exactly the backed-up store, whole and readable', async () => {
  const { dataDir, key, station } = await adminStation();
  const first = await submitApplication(station, 1, [await scan('#d04030')]);
  const second = await submitApplication(station, 2, [await scan('#3050d0'), await scan('#30d050')]);
  const backup = await station.call('backups.create', {});
  assert.equal(backup.kind, 'manual');
  assert.ok(backup.verifiedAt, `a new backup is verified: ${backup.problem}`);
  assert.deepEqual([backup.counts.applications, backup.counts.residents, backup.counts.attachments, backup.counts.outboxPending], [2, 2, 3, 4]); // two submissions and their two new residents wait
  const atBackup = snapshot(station.ctx.db);

  // The copy is encrypted with the store key: no plaintext, no opening without the key, opens with it.
  const copyFile = join(backupDir(dataDir, backup.id), 'daiban.db');
  const bytes = readFileSync(copyFile);
  for (const needle of ['SQLite format 3', '王兆明', '360781']) assert.equal(bytes.includes(Buffer.from(needle)), false, needle);
  assert.throws(() => openStore({ file: copyFile, key: randomBytes(32) }), /密钥/);
  const manifest = JSON.parse(readFileSync(join(backupDir(dataDir, backup.id), 'manifest.json'), 'utf8'));
  assert.equal(manifest.schemaVersion, LATEST_VERSION);
  assert.match(manifest.db.sha256, /^[0-9a-f]{64}$/);
  assert.equal(readdirSync(poolDir(dataDir)).length, 3, 'each scan pooled once');

  // More work after the backup: one more submission, one draft, a scan file lost from disk.
  const third = await submitApplication(station, 3, [await scan('#808000')]);
  const resident = await station.call('residents.register', { idNumber: '11010519491231002X', name: '赵春兰' });
  await station.call('applications.createDraft', { residentId: resident.id, itemCode: 'MZ-0001' });
  // The platform took the third one (what a sync does to the row and its message), and the second is withdrawn.
  station.ctx.db.prepare(`UPDATE applications SET status = 'sent' WHERE id = ?`).run(third.id);
  station.ctx.db
    .prepare(`UPDATE outbox SET status = 'accepted' WHERE json_extract(body, '$.applicationId') = ? OR json_extract(body, '$.resident.id') = ?`)
    .run(third.id, third.residentId);
  await station.call('applications.withdraw', { id: second.id, reason: '申请人自愿撤回' });
  const firstScan = (station.ctx.db.prepare('SELECT sha256 FROM attachments WHERE application_id = ?').get(first.id) as { sha256: string }).sha256;
  unlinkSync(join(dataDir, 'attachments', firstScan));

  const preview = await station.call('backups.restorePreview', { id: backup.id });
  assert.deepEqual(
    [preview.applicationsSince, preview.applicationsSynced, preview.applicationsLost, preview.messagesLost],
    [2, 1, 1, 2],
    'the platform has the third application (and its resident); the draft is lost, and so are its new resident and the withdrawal of the second',
  );

  await refused(station.call('backups.restore', { id: backup.id, password: 'wrong-password' }), 'AUTH_FAILED');
  await station.call('session.logout', {});
  await station.call('session.login', { username: CADRE.username, password: CADRE.password });
  await refused(station.call('backups.list', {}), 'FORBIDDEN');
  await refused(station.call('backups.restore', { id: backup.id, password: CADRE.password }), 'FORBIDDEN');
  await station.call('session.logout', {});
  await station.call('session.login', { username: ADMIN.username, password: ADMIN.password });

  const restored = await station.call('backups.restore', { id: backup.id, password: ADMIN.password });
  assert.equal(restored.backup.id, backup.id);
  assert.equal(restored.applicationsLost, 1);
  await refused(station.call('backups.list', {}), 'AUTH_REQUIRED'); // everyone logs in again after a restore

  const db = station.ctx.db;
  assert.deepEqual(db.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
  assert.deepEqual(db.pragma('cipher_integrity_check'), []);
  assert.deepEqual(db.pragma('foreign_key_check'), []);
  const chain = verifyAuditChain(db);
  assert.equal(chain.ok, true);
  assert.deepEqual(snapshot(db), atBackup, 'exactly the backed-up data');
  const last = db.prepare('SELECT action, entity_id AS entityId FROM audit_log ORDER BY seq DESC LIMIT 1').get();
  assert.deepEqual(last, { action: 'backup_restored', entityId: backup.id });
  assert.equal(db.prepare('SELECT count(*) AS n FROM applications WHERE id = ?').pluck().get(third.id), 0);

  // Usable at once: the lost scan is back and decrypts, the catalog answers, a new submission gets a receipt
  // number after the ones already handed out (the counter does not go back with the data).
  await station.call('session.login', { username: ADMIN.username, password: ADMIN.password });
  assert.ok(existsSync(join(dataDir, 'attachments', firstScan)));
  const detail = await station.call('applications.get', { id: first.id });
  for (const a of detail.attachments) {
    const back = await station.call('attachments.read', { id: a.id });
    assert.ok(Buffer.from(back.dataBase64, 'base64').length > 100);
  }
  assert.equal((await station.call('applications.get', { id: second.id })).attachments.length, 2);
  const fourth = await submitApplication(station, 4);
  assert.equal(parseReceiptNo(fourth.receiptNo!)!.seq, parseReceiptNo(third.receiptNo!)!.seq + 1);

  const list = await station.call('backups.list', {});
  const pre = list.find((b) => b.id === restored.preRestoreId)!;
  assert.equal(pre.kind, 'pre-restore');
  assert.equal(pre.counts.applications, 4, 'the replaced store is kept as a pre-restore backup');
  assert.ok(pre.verifiedAt);
  assert.equal(
    readdirSync(join(dataDir, 'backups')).some((n) => n.startsWith('.')),
    false,
    'nothing set aside is left',
  );

  // And it opens again from disk like any store.
  await station.close();
  const again = open(dataDir, key);
  assert.equal(again.ctx.db.prepare('SELECT count(*) FROM applications').pluck().get(), 3);
  await again.close();
});

test('a tampered backup is refused and the live store is left as it was', async () => {
  const { dataDir, station } = await adminStation();
  await submitApplication(station, 1, [await scan('#406080')]);
  const backup = await station.call('backups.create', {});
  await submitApplication(station, 2);
  const before = snapshot(station.ctx.db);

  const file = join(backupDir(dataDir, backup.id), 'daiban.db');
  const bytes = readFileSync(file);
  bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
  bytes[Math.floor(bytes.length / 2) + 1]! ^= 0x5a;
  writeFileSync(file, bytes);
  const checked = await station.call('backups.verify', { id: backup.id });
  assert.equal(checked.verifiedAt, null);
  assert.match(checked.problem!, /校验值/);
  const err = await refused(station.call('backups.restore', { id: backup.id, password: ADMIN.password }), 'BACKUP_INVALID');
  assert.match(err.message, /未通过校验/);

  // Someone who also fixes the checksum in the manifest is caught by the page check.
  const manifestPath = join(backupDir(dataDir, backup.id), 'manifest.json');
  const { createHash } = await import('node:crypto');
  const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
  m.db.sha256 = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(manifestPath, JSON.stringify(m));
  const rechecked = await station.call('backups.verify', { id: backup.id });
  assert.match(rechecked.problem!, /完整性|密钥/);
  await refused(station.call('backups.restore', { id: backup.id, password: ADMIN.password }), 'BACKUP_INVALID');

  assert.deepEqual(snapshot(station.ctx.db), before);
  assert.equal(
    (await station.call('backups.list', {})).some((b) => b.kind === 'pre-restore'),
    false,
    'no restore was started',
  );
  await station.close();
});

test('a restore that fails after the store was closed puts the old store back, and the station goes on', async () => {
  const { dataDir, station } = await adminStation();
  await submitApplication(station, 1);
  const backup = await station.call('backups.create', {});
  await submitApplication(station, 2);
  const before = snapshot(station.ctx.db);
  // The restore copies the backup in under this name first: a directory there makes that copy fail.
  mkdirSync(join(dataDir, 'daiban.db.restoring'));
  await refused(station.call('backups.restore', { id: backup.id, password: ADMIN.password }), 'RESTORE_FAILED');
  assert.deepEqual(snapshot(station.ctx.db), before);
  assert.deepEqual(station.ctx.db.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
  assert.equal(verifyAuditChain(station.ctx.db).ok, true);
  assert.equal(
    readdirSync(join(dataDir, 'backups')).some((n) => n.startsWith('.replaced-')),
    false,
  );
  rmSync(join(dataDir, 'daiban.db.restoring'), { recursive: true });
  await submitApplication(station, 3); // still logged in, still working
  assert.equal(station.ctx.db.prepare('SELECT count(*) FROM applications').pluck().get(), 3);
  await station.close();
});

test('the schedule makes one backup a day, keeps the last seven, and stops with the station', async () => {
  const clock = manualClock('2026-11-01T00:30:00.000Z');
  const { station } = await adminStation(clock);
  await submitApplication(station, 1, [await scan('#123456')]);
  const pending: { fn: () => void; at: number }[] = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const t = { fn, at: clock.now().getTime() + ms };
      pending.push(t);
      return t;
    },
    clearTimeout: (h) => {
      const i = pending.indexOf(h as (typeof pending)[number]);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  const schedule = new BackupScheduler(station.services.backups, clock, silentLog, { timers, firstCheckMs: 0, intervalMs: 3_600_000 });
  schedule.start();
  const manual = await station.call('backups.create', {});
  for (let hour = 0; hour < 10 * 24; hour++) {
    for (const t of pending.splice(0).filter((t) => t.at <= clock.now().getTime())) t.fn();
    await schedule.idle();
    clock.advance(3_600_000);
  }
  const list = await station.call('backups.list', {});
  const scheduled = list.filter((b) => b.kind === 'scheduled');
  assert.equal(scheduled.length, 7, 'ten made, the last seven kept');
  assert.ok(scheduled.every((b) => b.verifiedAt));
  const times = scheduled.map((b) => new Date(b.createdAt).getTime());
  for (let i = 1; i < times.length; i++) assert.equal(times[i - 1]! - times[i]!, DAY_MS, 'one a day');
  assert.equal(new Date(times.at(-1)!).toISOString(), '2026-11-04T00:30:00.000Z', 'the three oldest went first');
  assert.ok(
    list.some((b) => b.id === manual.id),
    'a manual backup is not pruned with the scheduled ones',
  );
  assert.equal(readdirSync(poolDir(station.ctx.dataDir)).length, 1);

  await schedule.stop();
  assert.equal(pending.length, 0);
  await station.close();
});

test('an existing store is backed up before a schema upgrade', async () => {
  if (LATEST_VERSION < 2) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'daiban-backup-'));
  dirs.push(dataDir);
  const key = randomBytes(32);
  const v1 = openStore({ file: join(dataDir, 'daiban.db'), key, migrateTo: 1 });
  const at = '2026-01-05T02:00:00.000Z';
  v1.prepare(`INSERT INTO users VALUES ('u1', 'cadre', '李春梅', 'cadre', 'x', 0, 0, NULL, ?, ?)`).run(at, at);
  v1.prepare(`INSERT INTO catalog_versions VALUES (?, ?, ?, ?)`).run(SEED_CATALOG.version, at, JSON.stringify(SEED_CATALOG), at);
  v1.prepare(
    `INSERT INTO residents (id, id_number, id_reversed, name, name_pinyin, name_initials, gender, birth_date, created_by, created_at, updated_at)
     VALUES ('r1', '11010519491231002X', 'X20013219491501011', '王兆明', 'wangzhaoming', 'wzm', 'female', '1949-12-31', 'u1', ?, ?)`,
  ).run(at, at);
  v1.prepare(
    `INSERT INTO applications (id, resident_id, item_code, catalog_version, status, created_by, created_at, updated_at) VALUES ('a1', 'r1', 'MZ-0001', ?, 'queued', 'u1', ?, ?)`,
  ).run(SEED_CATALOG.version, at, at);
  v1.close();

  const station = open(dataDir, key);
  assert.equal(schemaVersion(station.ctx.db), LATEST_VERSION);
  await station.services.backups.prune(); // queued behind the pre-migration copy's finishing step
  const [pre, ...rest] = station.services.backups.list();
  assert.equal(rest.length, 0);
  assert.equal(pre!.kind, 'pre-migration');
  assert.equal(pre!.schemaVersion, 1);
  assert.deepEqual([pre!.counts.residents, pre!.counts.applications], [1, 1]);
  assert.ok(pre!.verifiedAt, `verified: ${pre!.problem}`);
  const copy = openStore({ file: join(backupDir(dataDir, pre!.id), 'daiban.db'), key, migrateTo: 1 });
  assert.equal(schemaVersion(copy), 1, 'the copy is the store as it was before the upgrade');
  copy.close();
  await station.close();

  // A store already at the latest version is not copied again.
  const reopened = open(dataDir, key);
  await reopened.services.backups.prune();
  assert.equal(reopened.services.backups.list().length, 1);
  await reopened.close();
});

test('what a crash mid-backup leaves is never listed and is cleaned at start', async () => {
  const { dataDir, key, station } = await adminStation();
  const good = await station.call('backups.create', {});
  await station.close();
  const root = join(dataDir, 'backups');
  const half = join(root, `.tmp-20261127T101010Z-scheduled-abcd`);
  mkdirSync(half);
  writeFileSync(join(half, 'daiban.db'), randomBytes(5000)); // a copy cut short, no manifest
  const halfPre = join(root, `.tmp-20261127T101011Z-pre-migration-abcd`);
  mkdirSync(halfPre);
  writeFileSync(join(halfPre, 'daiban.db'), randomBytes(5000));
  mkdirSync(join(root, '.replaced-20261127T101012Z-pre-restore-abcd'));
  writeFileSync(join(root, 'attachments', 'f'.repeat(64) + '.tmp'), 'partial');

  const reopened = open(dataDir, key, undefined, { backups: { autoStart: true, firstCheckMs: 3_600_000 } });
  assert.deepEqual(
    reopened.services.backups.list().map((b) => b.id),
    [good.id],
    'only the whole backup is listed',
  );
  await reopened.services.backups.prune();
  assert.deepEqual(
    readdirSync(root)
      .filter((n) => n !== 'attachments')
      .sort(),
    [good.id],
  );
  assert.deepEqual(readdirSync(join(root, 'attachments')), []);
  await reopened.close();
});
