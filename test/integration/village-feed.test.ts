import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import type { HouseholdSaved, ResidentSaved } from '../../core/sync/messages';
import { MIGRATIONS } from '../../platform/database/migrations';
import { migrate } from '../../platform/database/migrate';
import { openPgliteDb } from '../../platform/database/pglite';
import type { RunningPlatform } from '../../platform/index';
import { enrollTerminal, outboxBatch, outboxMessage, type TestTerminal } from '../helpers/platform';
import { changesFor, postOutbox } from '../helpers/protocol';
import { idNumber, startTestPlatform } from '../helpers/sync';

/**
 * Issue #16 part 2 on the platform: a village's residents and households go to its other terminals only (not
 * the sender, not another village, not the township), a terminal never reads back what it caused, and every
 * hostile body is refused in Chinese with nothing written. And migration 20's backfill, for PCs enrolled later.
 */

const VILLAGE = '360781102201';
const OTHER_VILLAGE = '360781102202';

let platform: RunningPlatform;
let first: TestTerminal;
let second: TestTerminal;
let elsewhere: TestTerminal;
let township: TestTerminal;

before(async () => {
  platform = await startTestPlatform();
  first = await enrollTerminal(platform, { divisionCode: VILLAGE });
  second = await enrollTerminal(platform, { divisionCode: VILLAGE });
  elsewhere = await enrollTerminal(platform, { divisionCode: OTHER_VILLAGE });
  township = await enrollTerminal(platform, { divisionCode: '360781102000', role: 'township' });
});

after(async () => {
  await platform?.close();
});

function residentSaved(o: { n?: number; division?: string; name?: string; updatedAt?: string } = {}): ResidentSaved {
  return {
    divisionCode: o.division ?? VILLAGE,
    resident: {
      id: uuidv7(),
      idNumber: idNumber(o.n ?? 500),
      name: o.name ?? '温春花',
      gender: 'female',
      birthDate: '1956-03-14',
      phone: '13907975500',
      address: '华屋村下屋组12号',
    },
    createdAt: '2026-12-01T02:00:00.000Z',
    updatedAt: o.updatedAt ?? '2026-12-01T02:00:00.000Z',
    by: { id: 'cadre-1', name: '李春梅' },
  };
}

function householdSaved(members: HouseholdSaved['members']): HouseholdSaved {
  return {
    householdId: uuidv7(),
    divisionCode: VILLAGE,
    members,
    createdAt: '2026-12-01T02:00:00.000Z',
    updatedAt: '2026-12-01T02:00:00.000Z',
    by: { id: 'cadre-1', name: '李春梅' },
  };
}

const post = async (t: TestTerminal, messages: ReturnType<typeof outboxMessage>[]) => (await postOutbox(t, messages)).results;
const feed = (t: TestTerminal, after = '0', limit?: number) => changesFor(t, `?after=${after}${limit ? `&limit=${limit}` : ''}`);

const kindsOf = async (t: TestTerminal, kind: string) => (await feed(t)).changes.filter((c) => c.kind === kind);

test("a resident and a household go to the village's other terminals only, and the sender steps over its own", async () => {
  const wang = residentSaved({ n: 501, name: '王春生' });
  const wife = residentSaved({ n: 502, name: '温春花' });
  const home = householdSaved([
    { idNumber: wang.resident.idNumber, relation: '户主' },
    { idNumber: wife.resident.idNumber, relation: '配偶' },
  ]);
  const results = await post(first, [outboxMessage('resident.saved', wang), outboxMessage('resident.saved', wife), outboxMessage('household.saved', home)]);
  assert.deepEqual(
    results.map((r) => r.result),
    ['accepted', 'accepted', 'accepted'],
  );
  assert.deepEqual(
    (await kindsOf(second, 'resident.saved')).map((c) => (c.body as ResidentSaved).resident.name),
    ['王春生', '温春花'],
  );
  assert.equal((await kindsOf(second, 'household.saved')).length, 1);
  for (const t of [first, elsewhere, township]) {
    assert.deepEqual(await kindsOf(t, 'resident.saved'), []);
    assert.deepEqual(await kindsOf(t, 'household.saved'), []);
  }
  // The sender's own rows still move its cursor: a page of one that was its own comes back empty, further on.
  const all = await feed(first);
  let cursor = '0';
  let seen = 0;
  for (let i = 0; i < 200; i++) {
    const page = await feed(first, cursor, 1);
    seen += page.changes.length;
    cursor = page.cursor;
    if (!page.more) break;
  }
  assert.equal(seen, all.changes.length);
  assert.ok(BigInt(cursor) >= BigInt(all.cursor));
});

test('resident and household messages that are not allowed or not well formed are refused in Chinese, and nothing reaches the feed', async () => {
  const before = (await kindsOf(second, 'resident.saved')).length;
  // 5,000 levels of nesting in the address, as text (JSON.stringify of it would overflow the test's own stack).
  const nested = JSON.stringify(residentSaved()).replace('"华屋村下屋组12号"', '['.repeat(5000) + ']'.repeat(5000));
  const cases: { t: TestTerminal; kind: string; body: unknown; code: string }[] = [
    { t: township, kind: 'resident.saved', body: residentSaved({ division: '360781102000' }), code: 'FORBIDDEN' },
    { t: first, kind: 'resident.saved', body: residentSaved({ division: OTHER_VILLAGE }), code: 'FORBIDDEN' },
    {
      t: first,
      kind: 'resident.saved',
      body: { ...residentSaved(), resident: { ...residentSaved().resident, idNumber: '360781195603140021' } },
      code: 'INVALID_BODY',
    },
    { t: first, kind: 'resident.saved', body: residentSaved({ name: '王\u0000春' }), code: 'INVALID_BODY' },
    { t: first, kind: 'resident.saved', body: residentSaved({ name: '王\ud800' }), code: 'INVALID_BODY' },
    { t: first, kind: 'resident.saved', body: nested, code: 'INVALID_BODY' },
    {
      t: first,
      kind: 'household.saved',
      body: householdSaved([
        { idNumber: idNumber(510), relation: '户主' },
        { idNumber: idNumber(511), relation: '户主' },
      ]),
      code: 'INVALID_BODY',
    },
    {
      t: first,
      kind: 'household.saved',
      body: householdSaved(Array.from({ length: 31 }, (_, i) => ({ idNumber: idNumber(520 + i), relation: i === 0 ? '户主' : '子女' }) as const)),
      code: 'INVALID_BODY',
    },
    { t: elsewhere, kind: 'household.saved', body: householdSaved([{ idNumber: idNumber(530), relation: '户主' }]), code: 'FORBIDDEN' },
  ];
  for (const c of cases) {
    const [r] = await post(c.t, [outboxMessage(c.kind, c.body)]);
    assert.equal(r!.result, 'invalid', (typeof c.body === 'string' ? c.body : JSON.stringify(c.body)).slice(0, 80));
    assert.equal((r as { code: string }).code, c.code);
    assert.match((r as { reason: string }).reason, /[\u4e00-\u9fff]/);
  }
  // A megabyte of name: the request is too large, answered 413, not a failure.
  const huge = await first.request('POST', '/v1/outbox', {
    json: outboxBatch([outboxMessage('resident.saved', residentSaved({ name: '王'.repeat(1024 * 1024) }))]),
  });
  assert.equal(huge.status, 413);
  // A replay of an accepted message is a duplicate, and the feed holds it once.
  const once = outboxMessage('resident.saved', residentSaved({ n: 540, name: '钟玉兰' }));
  assert.equal((await post(first, [once]))[0]!.result, 'accepted');
  assert.equal((await post(first, [once]))[0]!.result, 'duplicate');
  const names = (await kindsOf(second, 'resident.saved')).map((c) => (c.body as ResidentSaved).resident.name);
  assert.equal(names.length, before + 1);
  assert.equal(names.at(-1), '钟玉兰');
});

test("migration 20 gives a village's earlier applications, handover lists and ratings to its later terminals, and only those", async () => {
  const db = await openPgliteDb();
  try {
    await migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 20),
    );
    const rows = [
      ['application.received', VILLAGE, true],
      ['handover.listed', VILLAGE, true],
      ['rating.received', VILLAGE, true],
      ['application.received', '360781102000', true], // taken at a township's own counter: not a village's
      ['terminal.enrolled', VILLAGE, true],
      ['application.decided', VILLAGE, false],
    ] as const;
    for (const [kind, division, fanUp] of rows) {
      await db.query(`INSERT INTO changes (kind, division_code, fan_up, exact, body, created_at) VALUES ($1, $2, $3, false, '{}'::jsonb, now())`, [
        kind,
        division,
        fanUp,
      ]);
    }
    await migrate(db);
    const village = await db.query<{ kind: string }>(
      `SELECT c.kind FROM change_audience a JOIN changes c ON c.seq = a.seq WHERE a.audience = $1 ORDER BY c.seq`,
      [VILLAGE],
    );
    assert.deepEqual(
      village.map((r) => r.kind),
      ['application.received', 'handover.listed', 'rating.received', 'application.decided'],
    );
    // New rows through the trigger: the origin terminal is written beside the village's row.
    const origin = uuidv7();
    await db.query(
      `INSERT INTO changes (kind, division_code, fan_up, exact, also_own, origin_terminal, body, created_at) VALUES ('application.received', $1, true, false, true, $2, '{}'::jsonb, now())`,
      [VILLAGE, origin],
    );
    const latest = await db.query<{ audience: string; skip: string | null; inherit: boolean }>(
      `SELECT audience, skip_terminal::text AS skip, inherit FROM change_audience WHERE seq = (SELECT max(seq) FROM changes) ORDER BY audience`,
    );
    assert.deepEqual(latest, [
      { audience: '360781000000', skip: null, inherit: false },
      { audience: '360781102000', skip: null, inherit: false },
      { audience: VILLAGE, skip: origin, inherit: false },
    ]);
  } finally {
    await db.close();
  }
});
