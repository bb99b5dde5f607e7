import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDivisionCode } from '../../core/division';
import { NATIONWIDE, jurisdictionPrefix, selfAndAncestors } from '../../platform/auth/jurisdiction';
import { MIGRATIONS } from '../../platform/database/migrations';
import { appendChanges } from '../../platform/change-feed';
import { migrate } from '../../platform/database/migrate';
import { valuesRows } from '../../platform/database/values-rows';
import { openPgliteDb } from '../../platform/database/pglite';
import type { PlatformDb } from '../../platform/database/types';

/**
 * Issue #18, the feed's audience (platform migration 13): who reads each change is written beside it, so a
 * poll reads only its own rows. The rule must be exactly the one the feed applied before, row by row; the
 * old predicate is the oracle here, over random changes of every shape written before the migration
 * (backfilled) and after it (the trigger), for terminals at every level a terminal can be enrolled at (county, township, village).
 */

const DIVISIONS = [
  NATIONWIDE,
  '360000000000', // 江西省
  '360700000000', // 赣州市
  '360781000000', // 瑞金市
  '360782000000', // 南康区
  '360781102000', // 叶坪乡
  '360781103000', // 九堡镇
  '360781102201', // 华屋村
  '360781102202',
  '360781103201',
  '360782101201',
];
/** Terminals are enrolled at village, township and county level only (platform/admin/enrollment-codes.ts). */
const READERS = DIVISIONS.filter((d) => {
  const parsed = parseDivisionCode(d);
  return parsed.ok && ['county', 'township', 'village'].includes(parsed.value.level);
});

/** A little deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

async function writeChanges(db: PlatformDb, n: number, seed: number): Promise<void> {
  const next = random(seed);
  const rows = Array.from({ length: n }, () => {
    const division = DIVISIONS[Math.floor(next() * DIVISIONS.length)]!;
    const shape = next();
    return { division, fanUp: division !== NATIONWIDE && shape < 0.45, exact: shape >= 0.45 && shape < 0.6 };
  });
  // In a few multi-row statements, as appendChanges writes them.
  for (let i = 0; i < rows.length; i += 25) {
    const part = rows.slice(i, i + 25);
    await db.query(
      `INSERT INTO changes (kind, division_code, fan_up, exact, body, created_at)
       SELECT 'test.change', d, f, e, '{}'::jsonb, now() FROM unnest($1::text[], $2::boolean[], $3::boolean[]) AS x(d, f, e)`,
      [part.map((r) => r.division), part.map((r) => r.fanUp), part.map((r) => r.exact)],
    );
  }
}

/** The feed's rule before migration 13, as the route applied it. */
async function oracle(db: PlatformDb, reader: string): Promise<string[]> {
  const rows = await db.query<{ seq: string }>(
    `SELECT seq::text AS seq FROM changes c
     WHERE (CASE WHEN c.fan_up THEN c.division_code LIKE $2 AND c.division_code <> $3
                 WHEN c.exact THEN c.division_code = $3
                 ELSE c.division_code = ANY($1::text[]) END)
     ORDER BY c.seq`,
    [[...selfAndAncestors(reader), NATIONWIDE], `${jurisdictionPrefix(reader)}%`, reader],
  );
  return rows.map((r) => r.seq);
}

/** The route's reading now (platform/routes/changes.ts), without a page limit. */
async function audience(db: PlatformDb, reader: string): Promise<string[]> {
  const inherited = [...selfAndAncestors(reader).filter((d) => d !== reader), NATIONWIDE];
  const rows = await db.query<{ seq: string }>(
    `SELECT seq::text AS seq FROM change_audience WHERE audience = $1
     UNION ALL SELECT seq::text FROM change_audience WHERE audience = ANY($2::bpchar[]) AND inherit
     ORDER BY 1`,
    [reader, inherited],
  );
  return rows.map((r) => r.seq).sort((a, b) => Number(a) - Number(b));
}

test('every terminal reads through the audience exactly what the old rule gave it, for backfilled and new changes alike', async () => {
  const db = await openPgliteDb();
  try {
    await migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 13),
    );
    await writeChanges(db, 400, 7);
    await migrate(db); // the backfill
    await writeChanges(db, 400, 11); // the trigger
    let seen = 0;
    for (const reader of READERS) {
      const expected = await oracle(db, reader);
      const got = await audience(db, reader);
      assert.deepEqual(got, expected, reader);
      seen += expected.length;
    }
    assert.ok(seen > 800, `the readers between them saw ${seen} changes`);
    // Nobody reads an exact change of another division, and a village never reads its own fan_up echo.
    const [echo] = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM change_audience a JOIN changes c ON c.seq = a.seq WHERE c.fan_up AND a.audience = c.division_code`,
    );
    assert.equal(echo!.n, '0');
  } finally {
    await db.close();
  }
});

test('a transaction appends thousands of changes (a province’s divisions) in seq order, 2,000 a statement', async () => {
  const db = await openPgliteDb();
  try {
    await migrate(db);
    const changes = Array.from({ length: 4_500 }, (_, n) => ({ kind: 'test.change', divisionCode: '360781102201', fanUp: false, body: { n } }));
    await db.transaction((tx) => appendChanges(tx, changes, new Date().toISOString()));
    const rows = await db.query<{ n: number }>(`SELECT (body->>'n')::int AS n FROM changes WHERE kind = 'test.change' ORDER BY seq`);
    assert.deepEqual(
      rows.map((r) => r.n),
      changes.map((c) => c.body.n),
    );
    const [audience] = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM change_audience a JOIN changes c USING (seq) WHERE c.kind = 'test.change'`,
    );
    assert.equal(audience!.n, '4500');
    // One statement more would pass the protocol's 65,535 parameters: refused before it is sent.
    assert.throws(
      () =>
        valuesRows(
          [''],
          Array.from({ length: 65_536 }, () => ['x']),
        ),
      /65535/,
    );
  } finally {
    await db.close();
  }
});
