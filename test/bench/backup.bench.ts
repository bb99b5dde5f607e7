/**
 * Backup cost on a busy village store: N applications (default 10,000) with residents, events and audit
 * entries, encrypted. Times the synchronous VACUUM INTO (the stretch that holds the event loop), the whole
 * backup (checksum, verification: full integrity check, audit chain, counts) and a restore preview.
 * Prints one JSON object. Run: npm run bench:backup (BENCH_APPLICATIONS=100000 for a larger store)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { appendAudit, findUserByUsername } from '../../db';
import { buildBackup } from '../../station/backup/build';
import { provisionStation } from '../../station/setup/provision';
import { createStation } from '../../station/station';
import { idNumber, submitApplication } from '../helpers/sync';

const N = Number(process.env.BENCH_APPLICATIONS ?? 10_000);
const round = (x: number) => Math.round(x);

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'daiban-backup-bench-'));
  const key = randomBytes(32);
  const station = createStation({ dataDir, key, log: pino({ level: 'silent' }), sync: { autoStart: false }, backups: { autoStart: false } });
  await provisionStation(station, {
    servicePoint: { name: '瑞金市叶坪乡华屋村为民服务代办点', divisionCode: '360781102201', terminalNo: 1 },
    catalog: SEED_CATALOG,
    users: [{ username: 'bench', password: 'Bench2026x', displayName: '测试代办员', role: 'admin' }],
  });
  await station.call('session.login', { username: 'bench', password: 'Bench2026x' });
  const model = await submitApplication(station, 0);
  const db = station.ctx.db;
  const userId = findUserByUsername(db, 'bench')!.id;
  const form = (db.prepare('SELECT form FROM applications WHERE id = ?').pluck().get(model.id) as string) ?? '{}';
  const at = '2026-06-01T02:00:00.000Z';
  const addResident = db.prepare(
    `INSERT INTO residents (id, id_number, id_reversed, name, name_pinyin, name_initials, gender, birth_date, created_by, created_at, updated_at)
     VALUES (?, ?, ?, '王兆明', 'wangzhaoming', 'wzm', 'male', '1956-03-14', ?, ?, ?)`,
  );
  const addApp = db.prepare(
    `INSERT INTO applications (id, resident_id, item_code, catalog_version, status, form, receipt_no, submitted_at, created_by, created_at, updated_at)
     VALUES (?, ?, 'MZ-0001', ?, 'sent', ?, ?, ?, ?, ?, ?)`,
  );
  const addEvent = db.prepare(
    `INSERT INTO application_events (id, application_id, at, type, from_status, to_status, actor_id) VALUES (?, ?, ?, 'submit', 'draft', 'queued', ?)`,
  );
  db.transaction(() => {
    for (let i = 1; i <= N; i++) {
      const number = idNumber(i);
      addResident.run(`r${i}`, number, [...number].reverse().join(''), userId, at, at);
      addApp.run(`a${i}`, `r${i}`, SEED_CATALOG.version, form, `360781102201-20260601-01-${String(i).padStart(6, '0')}`, at, userId, at, at);
      addEvent.run(`e${i}`, `a${i}`, at, userId);
      appendAudit(db, { at, actorId: userId, action: 'application_submitted', entityType: 'application', entityId: `a${i}`, detail: { itemCode: 'MZ-0001' } });
    }
  })();

  let copyMs = 0;
  let bytes = 0;
  const t0 = performance.now();
  const m = await buildBackup({ dataDir, key, now: () => new Date(), onCopied: (ms, b) => ((copyMs = ms), (bytes = b)) }, db, 'manual');
  const totalMs = performance.now() - t0;
  const t1 = performance.now();
  station.services.backups.preview(m.id);
  const previewMs = performance.now() - t1;
  const t2 = performance.now();
  await station.services.backups.verify(m.id);
  const verifyMs = performance.now() - t2;
  console.log(
    JSON.stringify({
      applications: N + 1,
      dbBytes: bytes,
      vacuumIntoMs: round(copyMs),
      backupTotalMs: round(totalMs),
      verifyMs: round(verifyMs),
      previewMs: round(previewMs),
      verified: m.verifiedAt !== null,
    }),
  );
  await station.close();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
