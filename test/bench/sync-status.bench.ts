/**
 * `npm run bench:status`: what one sync status snapshot costs as the queue grows (issue #18). A real encrypted
 * store with N pending application.submitted messages, each naming two scans, county-like bodies (distinct names,
 * valid ID numbers, free text). Baseline: the same snapshot with 50 pending. Prints JSON: median ms per snapshot.
 */
import { SEED_CATALOG_VERSION } from '../../core/catalog/seed';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { enqueue, openStore } from '../../db';
import { buildSyncStatus } from '../../station/sync/status-view';
import { idNumber, pad, pick, rand, randomName } from './county-data';

const SIZES = [50, 1_000, 10_000, 50_000];
const RUNS = 15;

function body(i: number) {
  const id = idNumber(i);
  const scan = () => ({
    sha256: randomBytes(32).toString('hex'),
    fileName: `扫描件${pad(i, 5)}.jpg`,
    mimeType: 'image/jpeg',
    size: 150_000 + Math.floor(rand() * 200_000),
  });
  return {
    applicationId: uuidv7(),
    receiptNo: `360781102201-20261206-01-${pad((i % 9999) + 1, 4)}`,
    itemCode: 'MZ-0001',
    catalogVersion: SEED_CATALOG_VERSION,
    divisionCode: '360781102201',
    resident: {
      id: uuidv7(),
      idNumber: id,
      name: randomName(),
      gender: Number(id[16]) % 2 ? 'male' : 'female',
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      phone: `139${pad(Math.floor(rand() * 1e8), 8)}`,
      address: `江西省瑞金市叶坪乡华屋村${1 + Math.floor(rand() * 9)}组${1 + Math.floor(rand() * 60)}号`,
    },
    form: {
      hardshipCause: pick(['因病', '因残', '缺乏劳动力', '其他']),
      monthlyIncome: Math.floor(rand() * 2000),
      reason: '家中主要劳动力因病丧失劳动能力，收入不足以维持基本生活。',
    },
    materials: { application: { received: true, count: 1 } },
    attachments: [scan(), scan()],
    submittedAt: new Date().toISOString(),
    dueDate: '2027-01-04',
    cadre: { id: 'cadre01', name: '李春梅' },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const state = { online: true, syncing: false, phase: 'idle' as const, progress: null, nextAttemptAt: null };

const dir = mkdtempSync(join(tmpdir(), 'daiban-bench-status-'));
const results: Record<string, number> = {};
try {
  for (const n of SIZES) {
    const db = openStore({ file: join(dir, `status-${n}.db`), key: randomBytes(32) });
    db.transaction(() => {
      for (let i = 0; i < n; i++) enqueue(db, { id: uuidv7(), kind: 'application.submitted', body: body(i), createdAt: new Date().toISOString() });
    })();
    buildSyncStatus(db, state, false); // warm the statement cache
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = process.hrtime.bigint();
      buildSyncStatus(db, state, false);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    results[`pending_${n}_ms`] = Math.round(median(times) * 100) / 100;
    db.close();
  }
  const base = results.pending_50_ms!;
  console.log(
    JSON.stringify({ bench: 'sync-status', runs: RUNS, ...results, ratio_50000_to_50: Math.round((results.pending_50000_ms! / base) * 10) / 10 }, null, 2),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
