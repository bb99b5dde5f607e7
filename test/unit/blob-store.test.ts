import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BlobStore } from '../../station/attachments/blob-store';
import { hashPassword, verifyPassword } from '../../base/node/passwords';

test('blobs are sealed, named by the SHA-256 of their content, stored once, and tampering is caught', () => {
  const dir = mkdtempSync(join(tmpdir(), 'daiban-blobs-'));
  try {
    const key = randomBytes(32);
    const store = new BlobStore(dir, key);
    const page = Buffer.from('户口簿首页 王兆明 11010519491231002X');
    const sha = store.put(page);
    assert.equal(sha, BlobStore.sha256(page));
    assert.equal(store.put(page), sha);
    assert.deepEqual(readdirSync(dir), [sha], 'the same page is kept once, no temp files left');
    assert.equal(readFileSync(join(dir, sha)).includes(Buffer.from('11010519491231002X')), false);
    assert.deepEqual(store.get(sha), page);

    assert.throws(() => new BlobStore(dir, randomBytes(32)).get(sha), { code: 'STORE_CORRUPT' }, 'another key cannot read it');
    const sealed = readFileSync(join(dir, sha));
    sealed[20] = sealed[20]! ^ 1;
    writeFileSync(join(dir, sha), sealed);
    assert.throws(() => store.get(sha), { code: 'STORE_CORRUPT' });
    assert.throws(() => store.get('0'.repeat(64)), { code: 'NOT_FOUND' });
    assert.throws(() => store.get('../../etc/passwd'), { code: 'INVALID_INPUT' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('passwords: scrypt hashes verify, differ per salt, and reject a wrong password', async () => {
  const a = await hashPassword('Daiban2026');
  const b = await hashPassword('Daiban2026');
  assert.notEqual(a, b);
  assert.match(a, /^scrypt\$16384\$8\$1\$/);
  assert.equal(await verifyPassword('Daiban2026', a), true);
  assert.equal(await verifyPassword('daiban2026', a), false);
  assert.equal(await verifyPassword('Daiban2026', 'md5$abc'), false);
});
