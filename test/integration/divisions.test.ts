import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseDivisionList } from '../../core/divisions/list-file';
import { seedDivisions } from '../../core/divisions/seed';
import { changesResponseSchema, type ChangesResponse } from '../../core/sync/protocol';
import type { RunningPlatform } from '../../platform/index';
import { enrollTerminal, type TestTerminal } from '../helpers/platform';
import { villageAndTownship, type VillageAndTownship } from '../helpers/review';
import { POINT_NAME, submitApplication, type SyncTestStation } from '../helpers/sync';
import { requireTools, runTool } from '../helpers/system-tools';

/**
 * Issue #15, names everywhere: the platform loads a county's division list and sends each division with its
 * children down the feed; the terminals show and print names where they showed codes.
 */

requireTools('pdftotext');

let platform: RunningPlatform;
let village: SyncTestStation;
let township: SyncTestStation;
let fleet: VillageAndTownship | undefined;
const dir = mkdtempSync(join(tmpdir(), 'daiban-divisions-'));

before(async () => {
  fleet = await villageAndTownship();
  ({ platform, village, township } = fleet);
});
after(async () => {
  await fleet?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pdfText(pdfBase64: string, name: string): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, Buffer.from(pdfBase64, 'base64'));
  return (await runTool('pdftotext', ['-layout', file, '-'])).stdout.replace(/\s+/g, '');
}

async function changesOf(t: TestTerminal): Promise<ChangesResponse['changes']> {
  const reply = await t.request('GET', '/v1/changes?limit=200');
  assert.equal(reply.status, 200, reply.bytes.toString());
  return changesResponseSchema.parse(reply.json()).changes;
}

test('names come down the feed: the township lists 华屋村, papers name 叶坪乡人民政府 and the village service point', async () => {
  const v = village.station;
  const t = township.station;
  const app = await submitApplication(v, 51);
  const before = await platform.admin.loadDivisions(seedDivisions());
  assert.deepEqual(before, { added: 28, renamed: 0, unchanged: 0, published: before.published });
  // 江西省, 赣州市, 瑞金市, 叶坪乡 have children; each of the 17 townships without villages is published alone: down and up.
  assert.equal(before.published, 2 * (4 + 16 + 8 * 0));
  for (const s of [v, t]) assert.equal((await s.sync.syncNow()).lastError, null);

  const list = await t.call('review.list', {});
  const row = list.items.find((i) => i.id === app.id)!;
  assert.deepEqual([row.villageCode, row.villageName], ['360781102201', '华屋村']);
  assert.equal((await t.call('review.get', { id: app.id })).villageName, '华屋村');
  const report = await t.call('stats.report', {});
  assert.deepEqual(
    report.byVillage.map((b) => [b.villageCode, b.villageName]),
    [['360781102201', '华屋村']],
  );

  // The village's handover list names its receiver; the township's copy names the village's service point.
  const handover = await v.call('handover.create', {});
  const villagePaper = await pdfText((await v.call('documents.render', { kind: 'handover', id: handover.id })).pdfBase64, 'handover-village');
  assert.match(villagePaper, /接收单位叶坪乡人民政府/);
  assert.equal((await v.sync.syncNow()).lastError, null);
  assert.equal((await t.sync.syncNow()).lastError, null);
  const lists = await t.call('handover.list', {});
  assert.equal(lists.find((l) => l.id === handover.id)?.villageName, '华屋村');
  const townshipPaper = await pdfText((await t.call('documents.render', { kind: 'handover', id: handover.id })).pdfBase64, 'handover-township');
  assert.ok(townshipPaper.includes(POINT_NAME), townshipPaper.slice(0, 200));
  assert.ok(!townshipPaper.includes('见区划代码'), 'no placeholder where the name is known');

  // The fleet and the IT console's accounts are named too.
  const fleet = await platform.fleet();
  assert.equal(fleet.terminals.find((x) => x.divisionCode === '360781102201')?.divisionName, '华屋村');
  assert.equal(fleet.terminals.find((x) => x.role === 'township')?.divisionName, '叶坪乡');
});

test('loading the same list again publishes nothing; a rename publishes its group only, to that area only', async () => {
  assert.deepEqual(await platform.admin.loadDivisions(seedDivisions()), { added: 0, renamed: 0, unchanged: 28, published: 0 });
  // A terminal in another township of the county: it learns the county's townships, never 叶坪乡's villages.
  const elsewhere = await enrollTerminal(platform, { divisionCode: '360781103201' });
  const seen = (await changesOf(elsewhere)).filter((c) => c.kind === 'divisions.published').map((c) => c.divisionCode);
  assert.ok(seen.includes('360781000000') && seen.includes('360781103000'), seen.join());
  assert.ok(!seen.includes('360781102000'), 'not the villages of another township');

  const renamed = seedDivisions().map((d) => (d.code === '360781102201' ? { ...d, name: '华屋新村' } : d));
  assert.deepEqual(await platform.admin.loadDivisions(renamed), { added: 0, renamed: 1, unchanged: 27, published: 2 });
  assert.equal((await village.station.sync.syncNow()).lastError, null);
  assert.equal((await township.station.sync.syncNow()).lastError, null);
  assert.ok((await township.station.call('review.list', {})).items.every((i) => i.villageName === '华屋新村'));
  assert.equal((await changesOf(elsewhere)).filter((c) => c.kind === 'divisions.published').length, seen.length, 'nothing new for another township');
  await platform.admin.loadDivisions(seedDivisions());
});

test('a list file: CSV with a header and extra columns, tabs, JSON; bad lines are named and the rest load', () => {
  const csv =
    '\uFEFF代码,名称,城乡分类代码\n360781102201,华屋村,220\n360781102202\t洋溪村\n\n360781102299,坏\u0000名字\n36078110220X,甲村\n360781102203 黄沙村\n360781102201,华屋村\n';
  const parsed = parseDivisionList(csv);
  assert.deepEqual(
    parsed.divisions.map((d) => [d.code, d.name, d.level, d.parent]),
    [
      ['360781102201', '华屋村', 'village', '360781102000'],
      ['360781102202', '洋溪村', 'village', '360781102000'],
      ['360781102203', '黄沙村', 'village', '360781102000'],
    ],
  );
  assert.deepEqual(
    parsed.problems.map((p) => p.line),
    [5, 6],
  );
  assert.ok(parsed.problems.every((p) => /[\u4e00-\u9fff]/.test(p.message)));
  assert.deepEqual(
    parseDivisionList('[{"code":"360781","name":"瑞金市"},{"code":"36","name":"江西省"},{"code":5}]').divisions.map((d) => [d.code, d.level, d.parent]),
    [
      ['360781000000', 'county', '360700000000'],
      ['360000000000', 'province', null],
    ],
  );
  for (const hostile of ['['.repeat(5000), '{"a":1}', 'x'.repeat(9 * 1024 * 1024), `360781102201,${'\uD800'.repeat(3)}`]) {
    const r = parseDivisionList(hostile);
    assert.equal(r.divisions.length, 0);
    assert.ok(r.problems.length >= 1 && /[\u4e00-\u9fff]/.test(r.problems[0]!.message), hostile.slice(0, 20));
  }
});
