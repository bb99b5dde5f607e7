/**
 * The audit test (issue #12): an insider with the store key edits an entry, deletes one and truncates the
 * tail, re-hashing the chain each time so the terminal's own check passes. The platform, which keeps each
 * terminal's chain from its `audit.entries` messages, flags each: a rewrite, a gap, a truncation, in the
 * fleet report and on the IT command line.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { auditHash, GENESIS_HASH, verifyAuditChain, type AuditEntry, type StoreDb } from '../../db';
import type { RunningPlatform } from '../../platform';
import { fleet as fleetCommand } from '../../platform/cli/fleet';
import { enrolledStation, startTestPlatform, submitApplication, type SyncTestStation } from '../helpers/sync';

let platform: RunningPlatform;
let t: SyncTestStation;

before(async () => {
  platform = await startTestPlatform();
});
after(async () => {
  await t?.cleanup();
  await platform?.close();
});

/**
 * Residents never repeat across the file: each test's terminal is a new PC of the same village, which recovers
 * the earlier PCs' residents (docs/village-terminals.md) and would refuse to register them again.
 */
let lastResident = 0;
const nextResident = () => ++lastResident;

/** A fresh enrolled terminal with three applications, all of it on the platform. */
async function honestTerminal(): Promise<void> {
  await t?.cleanup();
  t = await enrolledStation(platform);
  for (let i = 0; i < 3; i++) await submitApplication(t.station, nextResident());
  await settle();
  assert.deepEqual(await findings(), { kinds: [], alert: false }, 'an honest chain raises nothing');
  const [held] = await platform.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM audit_entries a JOIN terminals t ON t.id = a.terminal_id WHERE t.id = $1',
    [terminalId()],
  );
  assert.equal(held!.n, maxSeq(), 'every entry went up');
}

const db = (): StoreDb => t.station.ctx.db;
const terminalId = () => (db().prepare(`SELECT value FROM settings WHERE key = 'sync.terminalId'`).get() as { value: string }).value;

/** Re-hashes the chain from `fromSeq` on, as someone with the key would after changing it. */
function rehashFrom(fromSeq: number): void {
  const rows = db()
    .prepare(
      `SELECT seq, at, actor_id AS actorId, action, entity_type AS entityType, entity_id AS entityId, detail, prev_hash AS prevHash, hash
       FROM audit_log ORDER BY seq`,
    )
    .all() as AuditEntry[];
  let prev = GENESIS_HASH;
  const update = db().prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  for (const row of rows) {
    if (row.seq >= fromSeq) {
      const hash = auditHash({
        seq: row.seq,
        at: row.at,
        actorId: row.actorId,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        detail: row.detail,
        prevHash: prev,
      });
      update.run(prev, hash, row.seq);
      prev = hash;
    } else prev = row.hash;
  }
  assert.equal(verifyAuditChain(db()).ok, true, 'the terminal alone sees nothing wrong');
}

const maxSeq = () => (db().prepare('SELECT max(seq) AS n FROM audit_log').get() as { n: number }).n;

async function findings(): Promise<{ kinds: string[]; alert: boolean }> {
  const report = await platform.fleet();
  const mine = report.terminals.find((x) => x.id === terminalId())!;
  return { kinds: [...new Set(mine.auditFindings.map((f) => f.kind))].sort(), alert: mine.flags.includes('audit_alert') };
}

/** Syncs until nothing is left to send (each run's own settlement entries go up in the same run). */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) assert.equal((await t.station.call('sync.now', {})).lastError, null);
}

test('an entry already reported is edited and the chain re-hashed: the platform flags a rewrite', async () => {
  await honestTerminal();
  db().prepare(`UPDATE audit_log SET actor_id = 'somebody-else' WHERE seq = 5`).run();
  rehashFrom(5);
  await settle();
  assert.deepEqual(await findings(), { kinds: ['rewrite'], alert: true });
});

test('an entry already reported is deleted, the rest renumbered and re-hashed: the platform flags it', async () => {
  await honestTerminal();
  const k = 6;
  db().prepare('DELETE FROM audit_log WHERE seq = ?').run(k);
  const later = db().prepare('SELECT seq FROM audit_log WHERE seq > ? ORDER BY seq').all(k) as { seq: number }[];
  for (const { seq } of later)
    db()
      .prepare('UPDATE audit_log SET seq = ? WHERE seq = ?')
      .run(seq - 1, seq);
  rehashFrom(k);
  await settle();
  const f = await findings();
  assert.equal(f.alert, true);
  assert.ok(f.kinds.includes('rewrite') && f.kinds.includes('truncated'), JSON.stringify(f));
});

test('the tail, already reported, is cut off: the platform flags a truncation', async () => {
  await honestTerminal();
  db()
    .prepare('DELETE FROM audit_log WHERE seq > ?')
    .run(maxSeq() - 3);
  assert.equal(verifyAuditChain(db()).ok, true, 'a cut tail leaves a chain that checks');
  await t.station.call('sync.now', {});
  assert.deepEqual(await findings(), { kinds: ['truncated'], alert: true });
});

test('an entry not yet reported is edited without re-hashing: the platform recomputes and flags a bad hash', async () => {
  await honestTerminal();
  const from = maxSeq();
  await submitApplication(t.station, nextResident());
  db()
    .prepare(`UPDATE audit_log SET actor_id = 'somebody-else' WHERE seq = ?`)
    .run(from + 1);
  assert.equal(verifyAuditChain(db()).ok, false, 'the terminal sees it too, if anyone looks');
  await settle();
  assert.deepEqual(await findings(), { kinds: ['bad_hash'], alert: true });
});

test('entries not yet reported with one taken out of the middle: the platform sees the gap', async () => {
  await honestTerminal();
  const from = maxSeq();
  await submitApplication(t.station, nextResident());
  db()
    .prepare('DELETE FROM audit_log WHERE seq = ?')
    .run(from + 2);
  await settle();
  assert.deepEqual(await findings(), { kinds: ['gap'], alert: true });

  // The IT command line says each in words.
  const lines: string[] = [];
  await fleetCommand(platform, undefined, {}, (l) => lines.push(l));
  const text = lines.join('\n');
  assert.match(text, /审计日志告警/);
  assert.match(text, /审计日志中间缺少记录/);
  assert.match(text, /审计日志末尾的记录被截掉/);
  assert.match(text, /审计日志已上报的记录被改写/);
  assert.match(text, /审计记录的校验值与内容不符/);
});
