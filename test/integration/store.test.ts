import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { LATEST_VERSION, MIGRATIONS, auditHash, backupStore, openStore, schemaVersion, verifyAuditChain, type AuditEntry } from '../../db';
import { isDaibanError } from '../../core/errors';
import { makeStation } from '../helpers/station';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'daiban-store-'));
  dirs.push(d);
  return d;
};
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function stationWithOneApplication() {
  const t = await makeStation();
  const r = await t.station.call('residents.register', { idNumber: '11010519491231002X', name: '王兆明', phone: '13907971234' });
  const draft = await t.station.call('applications.createDraft', { residentId: r.id, itemCode: 'MZ-0001' });
  return { t, r, draft };
}

test('the database file and its WAL hold no plaintext name or ID number', async () => {
  const { t } = await stationWithOneApplication();
  t.station.close();
  for (const f of ['daiban.db', 'daiban.db-wal']) {
    const path = join(t.dataDir, f);
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    assert.ok(bytes.length > 0);
    for (const needle of ['11010519491231002X', '王兆明', '13907971234', 'wangzhaoming', 'SQLite format 3']) {
      assert.equal(bytes.includes(Buffer.from(needle)), false, `${f} contains ${needle}`);
    }
  }
  // The same data is there for whoever holds the key.
  const db = openStore({ file: join(t.dataDir, 'daiban.db'), key: t.key });
  assert.equal((db.prepare('SELECT name FROM residents').get() as { name: string }).name, '王兆明');
  db.close();
  t.cleanup();
});

test('a wrong key is refused with STORE_KEY_WRONG and leaves the file as it was', async () => {
  const { t } = await stationWithOneApplication();
  t.station.close();
  const file = join(t.dataDir, 'daiban.db');
  const before = readFileSync(file);
  assert.throws(
    () => openStore({ file, key: randomBytes(32) }),
    (e: unknown) => isDaibanError(e) && e.code === 'STORE_KEY_WRONG' && /密钥/.test(e.message),
  );
  assert.deepEqual(readFileSync(file), before);
  t.cleanup();
});

test('a store built by every earlier migration upgrades to the latest', () => {
  assert.ok(LATEST_VERSION >= 1);
  for (let from = 0; from < LATEST_VERSION; from++) {
    const file = join(tempDir(), 'old.db');
    const key = randomBytes(32);
    const old = openStore({ file, key, migrateTo: from });
    assert.equal(schemaVersion(old), from);
    old.close();
    const db = openStore({ file, key, fullIntegrityCheck: true });
    assert.equal(schemaVersion(db), LATEST_VERSION);
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    for (const t of [
      'residents',
      'applications',
      'application_events',
      'application_materials',
      'attachments',
      'outbox',
      'audit_log',
      'users',
      'settings',
      'catalog_versions',
    ]) {
      assert.ok(tables.includes(t), `missing table ${t} after upgrade from ${from}`);
    }
    db.close();
  }
  assert.equal(MIGRATIONS.at(-1)!.version, LATEST_VERSION);
});

test('a store from a newer app version is refused, not downgraded', () => {
  const file = join(tempDir(), 'new.db');
  const key = randomBytes(32);
  openStore({ file, key }).close();
  const raw = new Database(file);
  raw.pragma(`cipher='sqlcipher'`);
  raw.pragma('legacy=4');
  raw.pragma(`key="x'${key.toString('hex')}'"`);
  raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
  raw.close();
  assert.throws(
    () => openStore({ file, key }),
    (e: unknown) => isDaibanError(e) && e.code === 'STORE_NEWER' && /更新版本/.test(e.message),
  );
});

test('online backup is an encrypted copy that opens with the same key and passes its integrity check', async () => {
  const { t } = await stationWithOneApplication();
  const dest = join(tempDir(), 'backup.db');
  backupStore(t.station.ctx.db, dest);
  assert.equal(readFileSync(dest).includes(Buffer.from('11010519491231002X')), false);
  const copy = openStore({ file: dest, key: t.key, fullIntegrityCheck: true });
  assert.equal((copy.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n, 1);
  assert.deepEqual(verifyAuditChain(copy).ok, true);
  copy.close();
  assert.throws(() => openStore({ file: dest, key: randomBytes(32) }));
  t.cleanup();
});

test('the audit chain verifies, and an edited, deleted or re-hashed entry is detected', async () => {
  const { t } = await stationWithOneApplication();
  const db = t.station.ctx.db;
  const verdict = verifyAuditChain(db);
  assert.equal(verdict.ok, true);
  assert.ok(verdict.entries >= 4, `expected several entries, got ${verdict.entries}`);

  const tamper = (sql: string, ...params: unknown[]) => {
    const dir = tempDir();
    const copyFile = join(dir, 'copy.db');
    backupStore(db, copyFile);
    const copy = openStore({ file: copyFile, key: t.key });
    copy.prepare(sql).run(...params);
    const v = verifyAuditChain(copy);
    copy.close();
    return v;
  };

  const edited = tamper(`UPDATE audit_log SET detail = '{"itemCode":"RS-0001"}' WHERE seq = 3`);
  assert.deepEqual([edited.ok, !edited.ok && edited.brokenAt], [false, 3]);

  const deleted = tamper('DELETE FROM audit_log WHERE seq = 2');
  assert.equal(deleted.ok, false);

  // Recomputing the edited entry's own hash is not enough: the next entry's link no longer matches.
  const row = db
    .prepare(
      `SELECT seq, at, actor_id AS actorId, action, entity_type AS entityType, entity_id AS entityId, detail, prev_hash AS prevHash FROM audit_log WHERE seq = 2`,
    )
    .get() as Omit<AuditEntry, 'hash'>;
  const forged = { ...row, actorId: 'someone-else' };
  const rehashed = tamper('UPDATE audit_log SET actor_id = ?, hash = ? WHERE seq = 2', forged.actorId, auditHash(forged));
  assert.deepEqual([rehashed.ok, !rehashed.ok && rehashed.brokenAt, !rehashed.ok && rehashed.reason], [false, 3, 'link']);
  t.cleanup();
});

test('upgrading a version-1 store with data: status counts are backfilled, then kept by triggers', () => {
  const file = join(tempDir(), 'v1.db');
  const key = randomBytes(32);
  const v1 = openStore({ file, key, migrateTo: 1 });
  const at = '2026-01-05T02:00:00.000Z';
  v1.prepare(`INSERT INTO users VALUES ('u1', 'cadre', '李春梅', 'cadre', 'x', 0, 0, NULL, ?, ?)`).run(at, at);
  v1.prepare(`INSERT INTO catalog_versions VALUES ('2026.1', ?, '{}', ?)`).run(at, at);
  v1.prepare(
    `INSERT INTO residents (id, id_number, id_reversed, name, name_pinyin, name_initials, gender, birth_date, created_by, created_at, updated_at)
     VALUES ('r1', '11010519491231002X', 'X20013219491501011', '王兆明', 'wangzhaoming', 'wzm', 'female', '1949-12-31', 'u1', ?, ?)`,
  ).run(at, at);
  const addApp = v1.prepare(
    `INSERT INTO applications (id, resident_id, item_code, catalog_version, status, created_by, created_at, updated_at)
     VALUES (?, 'r1', 'MZ-0001', '2026.1', ?, 'u1', ?, ?)`,
  );
  ['queued', 'queued', 'completed', 'draft'].forEach((s, i) => addApp.run(`a${i}`, s, at, at));
  v1.close();

  const db = openStore({ file, key, fullIntegrityCheck: true });
  const counts = () =>
    Object.fromEntries(
      (db.prepare('SELECT status, n FROM application_status_counts WHERE n > 0').all() as { status: string; n: number }[]).map((r) => [r.status, r.n]),
    );
  assert.deepEqual(counts(), { completed: 1, draft: 1, queued: 2 });
  db.prepare(`UPDATE applications SET status = 'sent' WHERE id = 'a0'`).run();
  db.prepare(`UPDATE applications SET form = '{}' WHERE id = 'a1'`).run();
  db.prepare(
    `INSERT INTO applications (id, resident_id, item_code, catalog_version, status, created_by, created_at, updated_at)
     VALUES ('a9', 'r1', 'MZ-0001', '2026.1', 'draft', 'u1', ?, ?)`,
  ).run(at, at);
  assert.deepEqual(counts(), { completed: 1, draft: 2, queued: 1, sent: 1 });
  db.close();
});

test('upgrading a version-4 store with data: users accept the IT role, keep their rows, and still anchor foreign keys', () => {
  const file = join(tempDir(), 'v4.db');
  const key = randomBytes(32);
  const v4 = openStore({ file, key, migrateTo: 4 });
  const at = '2026-01-05T02:00:00.000Z';
  v4.prepare(`INSERT INTO users VALUES ('u1', 'cadre', '李春梅', 'cadre', 'x', 0, 3, '2026-01-05T02:15:00.000Z', ?, ?)`).run(at, at);
  v4.prepare(`INSERT INTO users VALUES ('u2', 'admin', '王建华', 'admin', 'y', 1, 0, NULL, ?, ?)`).run(at, at);
  assert.throws(() => v4.prepare(`INSERT INTO users VALUES ('u3', 'it01', '张运维', 'it', 'z', 0, 0, NULL, ?, ?)`).run(at, at), /CHECK/);
  v4.prepare(`INSERT INTO catalog_versions VALUES ('2026.1', ?, '{}', ?)`).run(at, at);
  v4.prepare(
    `INSERT INTO residents (id, id_number, id_reversed, name, name_pinyin, name_initials, gender, birth_date, created_by, created_at, updated_at)
     VALUES ('r1', '11010519491231002X', 'X20013219491501011', '王兆明', 'wangzhaoming', 'wzm', 'female', '1949-12-31', 'u1', ?, ?)`,
  ).run(at, at);
  v4.prepare(
    `INSERT INTO applications (id, resident_id, item_code, catalog_version, status, created_by, created_at, updated_at)
     VALUES ('a1', 'r1', 'MZ-0001', '2026.1', 'queued', 'u1', ?, ?)`,
  ).run(at, at);
  const before = v4.prepare('SELECT * FROM users ORDER BY id').all();
  v4.close();

  const db = openStore({ file, key, fullIntegrityCheck: true });
  assert.equal(schemaVersion(db), LATEST_VERSION);
  // Later migrations add columns (007: must_change_password, 0 for every existing account); the rows are kept.
  assert.deepEqual(
    db.prepare('SELECT * FROM users ORDER BY id').all(),
    before.map((r) => ({ ...(r as object), must_change_password: 0 })),
  );
  assert.deepEqual(db.pragma('foreign_key_check'), []);
  const insertUser = `INSERT INTO users (id, username, display_name, role, password_hash, disabled, failed_attempts, locked_until, created_at, updated_at)
    VALUES (?, ?, ?, ?, 'z', 0, 0, NULL, ?, ?)`;
  db.prepare(insertUser).run('u3', 'it01', '张运维', 'it', at, at);
  assert.throws(() => db.prepare(insertUser).run('u4', 'boss', '某人', 'root', at, at), /CHECK/);
  // The children still point at users: a missing creator and deleting a referenced user are refused.
  assert.throws(
    () =>
      db
        .prepare(
          `INSERT INTO applications (id, resident_id, item_code, catalog_version, status, created_by, created_at, updated_at)
         VALUES ('a2', 'r1', 'MZ-0001', '2026.1', 'queued', 'nobody', ?, ?)`,
        )
        .run(at, at),
    /FOREIGN KEY/,
  );
  assert.throws(() => db.prepare(`DELETE FROM users WHERE id = 'u1'`).run(), /FOREIGN KEY/);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'users%'").all() as { name: string }[]).map((r) => r.name);
  assert.deepEqual(tables, ['users']);
  db.close();
});
