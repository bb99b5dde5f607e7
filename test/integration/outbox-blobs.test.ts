import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import {
  countBlobsToUpload,
  enqueue,
  listBlobsToUpload,
  listBrokenBlobs,
  markBlobBroken,
  markBlobComplete,
  openStore,
  settleMessage,
  type StoreDb,
} from '../../db';
import { submittedBody } from '../helpers/platform';

/**
 * Store migration 013 (issue #18): the scans still to upload are kept by triggers instead of being read from every
 * pending body. Each step is checked against the old way (parse the pending bodies), which stays here as the oracle.
 */

const dir = mkdtempSync(join(tmpdir(), 'daiban-outbox-blobs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The pre-013 answer: every scan a pending message's body names, not uploaded nor broken. */
function oracle(db: StoreDb): string[] {
  return (
    db
      .prepare(
        `SELECT DISTINCT json_extract(a.value, '$.sha256') AS sha256 FROM outbox o, json_each(o.body, '$.attachments') a
         LEFT JOIN blob_uploads b ON b.sha256 = json_extract(a.value, '$.sha256')
         WHERE o.status = 'pending' AND o.kind IN ('application.submitted', 'application.supplemented')
           AND b.completed_at IS NULL AND b.broken IS NULL`,
      )
      .all() as { sha256: string }[]
  )
    .map((r) => r.sha256)
    .sort();
}

function same(db: StoreDb, what: string): void {
  assert.deepEqual(
    listBlobsToUpload(db).map((b) => b.sha256),
    oracle(db),
    what,
  );
  assert.equal(countBlobsToUpload(db), oracle(db).length, what);
}

const scan = (n: number) => ({ sha256: String(n).padStart(64, 'a'), fileName: `扫描件${n}.jpg`, mimeType: 'image/jpeg', size: 1000 + n });

function queue(db: StoreDb, scans: number[]): string {
  const id = uuidv7();
  enqueue(db, {
    id,
    kind: 'application.submitted',
    body: { ...submittedBody('360781102201'), attachments: scans.map(scan) },
    createdAt: new Date().toISOString(),
  });
  return id;
}

test('the scans to upload follow the messages and the uploads, as the bodies say', () => {
  const db = openStore({ file: join(dir, 'fresh.db'), key: randomBytes(32) });
  const at = new Date().toISOString();
  const a = queue(db, [1, 2]);
  const b = queue(db, [2, 3]); // scan 2 in two messages
  queue(db, [4]);
  same(db, 'queued');
  assert.equal(countBlobsToUpload(db), 4);
  markBlobComplete(db, scan(1).sha256, scan(1).size, at);
  same(db, 'one uploaded');
  settleMessage(db, a, 'accepted', null, at);
  same(db, 'its message settled: 2 is still wanted by the other');
  assert.ok(listBlobsToUpload(db).some((x) => x.sha256 === scan(2).sha256));
  markBlobBroken(db, scan(3).sha256, scan(3).size, '文件无法读取', at);
  same(db, 'one broken');
  assert.deepEqual(
    listBrokenBlobs(db, 10).map((x) => [x.sha256, x.messageId]),
    [[scan(3).sha256, b]],
  );
  db.prepare('DELETE FROM outbox WHERE id = ?').run(b); // a message taken back before it was sent
  same(db, 'a pending message dropped');
  queue(db, [1, 5]); // an already uploaded scan named again is not wanted again
  same(db, 'queued again');
  // A body rewritten in place (another build's store): the scans follow the new body.
  const c = queue(db, [6]);
  const row = db.prepare('SELECT body FROM outbox WHERE id = ?').get(c) as { body: string };
  db.prepare('UPDATE outbox SET body = ? WHERE id = ?').run(row.body.replace(scan(6).sha256, scan(7).sha256), c);
  same(db, 'a body rewritten');
  assert.ok(listBlobsToUpload(db).some((x) => x.sha256 === scan(7).sha256) && !listBlobsToUpload(db).some((x) => x.sha256 === scan(6).sha256));
  db.prepare('DELETE FROM outbox WHERE id = ?').run(c);
  assert.deepEqual(
    listBlobsToUpload(db).map((x) => x.sha256),
    [scan(4).sha256, scan(5).sha256].sort(),
  );
  db.close();
});

test('a store upgraded past migration 013 knows the scans its queue already waited for', () => {
  const file = join(dir, 'old.db');
  const key = randomBytes(32);
  const old = openStore({ file, key, migrateTo: 12 });
  const at = new Date().toISOString();
  const a = queue(old, [11, 12]);
  queue(old, [12, 13]);
  settleMessage(old, a, 'accepted', null, at);
  markBlobComplete(old, scan(13).sha256, scan(13).size, at);
  const before = oracle(old);
  old.close();
  const db = openStore({ file, key });
  assert.deepEqual(before, [scan(12).sha256]);
  same(db, 'after the upgrade');
  db.close();
});
