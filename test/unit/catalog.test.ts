import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildCatalogIndex,
  catalogItemSchema,
  catalogVersionSchema,
  groupByDepartment,
  searchCatalog,
  SEED_CATALOG,
  SEED_ITEMS,
  type CatalogItem,
} from '../../core/catalog';

const items = SEED_CATALOG.items;
const index = buildCatalogIndex(items);
const names = (list: CatalogItem[]): string[] => list.map((i) => i.name);

const REQUIRED_NAMES = [
  '最低生活保障申请',
  '特困人员救助供养申请',
  '临时救助申请',
  '残疾人两项补贴申请',
  '高龄津贴申请',
  '老年人优待证办理',
  '城乡居民基本养老保险参保登记',
  '城乡居民养老保险待遇申领',
  '城乡居民基本医疗保险参保登记',
  '医疗救助申请',
  '生育登记',
  '农村部分计划生育家庭奖励扶助申请',
  '残疾人证办理（新办）',
  '耕地地力保护补贴申报',
  '农机购置补贴申请',
  '农村宅基地和建房（规划许可）申请',
  '农村危房改造申请',
  '就业失业登记',
  '孤儿基本生活费申请',
  '惠民殡葬补贴申请',
  '事实无人抚养儿童认定申请',
  '城乡居民医保门诊慢特病待遇认定',
  '社会保障卡申领',
  '经济困难老年人服务补贴申请',
];

// --- the seed -------------------------------------------------------------------------------------------

test('the seed catalog parses as a catalog version with the published metadata', () => {
  const reparsed = catalogVersionSchema.parse(SEED_CATALOG);
  assert.deepEqual(reparsed, SEED_CATALOG);
  assert.equal(SEED_CATALOG.version, '2026.3');
  assert.equal(SEED_CATALOG.publishedAt, '2026-12-01T00:00:00.000Z');
  assert.equal(items.length, SEED_ITEMS.length);
  for (const input of SEED_ITEMS) assert.doesNotThrow(() => catalogItemSchema.parse(input), input.code);
});

test('the seed catalog holds at least 27 items', () => {
  assert.ok(items.length >= 27, `only ${items.length} items`);
});

test('item codes are unique and follow the department-prefix scheme', () => {
  const codes = items.map((i) => i.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const code of codes) assert.match(code, /^(MZ|RS|YB|WJ|CL|NY|ZJ|ZR|TY|GA)-\d{4}$/);
  assert.equal(new Set(items.map((i) => i.name)).size, items.length, 'names are unique too');
});

test('every required service item is present', () => {
  const present = new Set(items.map((i) => i.name));
  const missing = REQUIRED_NAMES.filter((n) => !present.has(n));
  assert.deepEqual(missing, []);
});

test('every item asks for at least one required material and one required field', () => {
  for (const item of items) {
    assert.ok(
      item.materials.some((m) => m.required),
      `${item.code} has no required material`,
    );
    assert.ok(
      item.form.fields.some((f) => f.required),
      `${item.code} has no required field`,
    );
  }
});

test('every form has 4 to 12 fields with unique keys, and material keys are unique', () => {
  for (const item of items) {
    const { fields } = item.form;
    assert.ok(fields.length >= 4 && fields.length <= 12, `${item.code} has ${fields.length} fields`);
    const keys = fields.map((f) => f.key);
    assert.equal(new Set(keys).size, keys.length, `${item.code} repeats a field key`);
    for (const f of fields) {
      if (f.kind !== 'members') continue;
      const columnKeys = f.columns.map((c) => c.key);
      assert.equal(new Set(columnKeys).size, columnKeys.length, `${item.code}.${f.key} repeats a column key`);
    }
    const materialKeys = item.materials.map((m) => m.key);
    assert.equal(new Set(materialKeys).size, materialKeys.length, `${item.code} repeats a material key`);
  }
});

test('the promised time limit never exceeds the statutory one', () => {
  for (const item of items) {
    assert.ok(item.promisedDays <= item.statutoryDays, `${item.code}: ${item.promisedDays} > ${item.statutoryDays}`);
  }
});

test('several items collect a household members table', () => {
  const withMembers = items.filter((i) => i.form.fields.some((f) => f.kind === 'members'));
  assert.ok(withMembers.length >= 4, `only ${withMembers.length} items use a members table`);
  const dibao = items.find((i) => i.code === 'MZ-0001')!;
  const members = dibao.form.fields.find((f) => f.kind === 'members');
  assert.ok(members && members.kind === 'members');
  assert.deepEqual(
    members.columns.map((c) => c.key),
    ['name', 'idNumber', 'relation', 'healthStatus', 'workStatus', 'monthlyIncome'],
  );
});

test('select fields offer distinct options, and the content a cadre reads is filled in', () => {
  for (const item of items) {
    const scalars = item.form.fields.flatMap((f) => (f.kind === 'members' ? f.columns : [f]));
    for (const f of scalars) {
      if (f.kind === 'select') assert.equal(new Set(f.options).size, f.options.length, `${item.code}.${f.key}`);
    }
    assert.ok(item.legalBasis.length >= 1 && item.conditions.length >= 1 && item.process.length >= 3, item.code);
    assert.ok(item.keywords.length >= 3, `${item.code} needs keywords cadres use`);
    assert.ok(item.fee.length > 0);
  }
});

// --- search ---------------------------------------------------------------------------------------------

test('an empty query returns every item in catalog order', () => {
  assert.deepEqual(searchCatalog(index, ''), [...items]);
  assert.deepEqual(searchCatalog(index, '   '), [...items]);
  assert.deepEqual(searchCatalog(index, '', 3), items.slice(0, 3));
});

test('低保 finds 最低生活保障申请 first', () => {
  assert.equal(searchCatalog(index, '低保')[0]?.name, '最低生活保障申请');
});

test('full pinyin and initials find 最低生活保障申请', () => {
  for (const q of ['dibao', 'zdsh', 'ZDSH', 'zuidishenghuo', 'di bao', 'zuidish']) {
    assert.equal(searchCatalog(index, q)[0]?.name, '最低生活保障申请', q);
  }
});

test('ylj and yanglao find the pension items first', () => {
  for (const q of ['ylj', 'yanglao']) {
    const top = names(searchCatalog(index, q)).slice(0, 2).sort();
    assert.deepEqual(top, ['城乡居民养老保险待遇申领', '城乡居民基本养老保险参保登记'].sort(), q);
  }
  for (const item of searchCatalog(index, 'yanglao')) {
    assert.ok(item.name.includes('养老') || item.keywords.some((k) => k.includes('养老')), item.name);
  }
});

test('keywords cadres use find their item', () => {
  assert.equal(searchCatalog(index, '老年证')[0]?.name, '老年人优待证办理');
  assert.equal(searchCatalog(index, '五保')[0]?.name, '特困人员救助供养申请');
  assert.equal(searchCatalog(index, '新农合')[0]?.name, '城乡居民基本医疗保险参保登记');
  assert.equal(searchCatalog(index, '新农保')[0]?.name, '城乡居民基本养老保险参保登记');
  assert.equal(searchCatalog(index, '残补')[0]?.name, '残疾人两项补贴申请');
});

test('codes match exactly (any case) and by prefix', () => {
  assert.equal(searchCatalog(index, 'MZ-0004')[0]?.name, '残疾人两项补贴申请');
  assert.equal(searchCatalog(index, 'mz-0004')[0]?.name, '残疾人两项补贴申请');
  const civil = searchCatalog(index, 'MZ-');
  assert.ok(civil.length >= 9 && civil.every((i) => i.code.startsWith('MZ-')));
});

test('ranking tiers: exact > name prefix > name substring > initials > full pinyin > keyword', () => {
  const base = items[0]!;
  const make = (code: string, name: string, keywords: string[] = []): CatalogItem => catalogItemSchema.parse({ ...base, code, name, keywords });
  // Deliberately listed worst-first, so only the ranking can put them in order.
  const synthetic = [
    make('XX-0001', '其他事项', ['低保金']),
    make('XX-0002', '城市低保'),
    make('XX-0003', '低保边缘认定'),
    make('XX-0004', '低保'),
    make('XX-0005', '保障边缘'),
  ];
  const small = buildCatalogIndex(synthetic);
  assert.deepEqual(names(searchCatalog(small, '低保')), ['低保', '低保边缘认定', '城市低保', '其他事项']);
  // Whole name spelled (低保 = db), initials prefix (dbbyrd), initials inside (csdb), a keyword's (dbj).
  assert.deepEqual(names(searchCatalog(small, 'db')), ['低保', '低保边缘认定', '城市低保', '其他事项']);
  assert.deepEqual(names(searchCatalog(small, 'dibaobian')), ['低保边缘认定']);
  // Full pinyin inside the name, from a syllable boundary, before a keyword's pinyin.
  assert.deepEqual(names(searchCatalog(small, 'bianyuan')), ['低保边缘认定', '保障边缘']);
  assert.equal(searchCatalog(small, 'dibaojin')[0]?.code, 'XX-0001');
});

test('names containing the query come before items that only list it as a keyword', () => {
  const result = names(searchCatalog(index, '养老'));
  assert.deepEqual(result.slice(0, 2), ['城乡居民基本养老保险参保登记', '城乡居民养老保险待遇申领']);
  assert.ok(result.includes('经济困难老年人服务补贴申请'), 'its keyword 养老服务补贴 matches');
  assert.equal(names(searchCatalog(index, '残疾')).indexOf('残疾人两项补贴申请'), 0);
});

test('words separated by spaces must all match when the whole query does not', () => {
  assert.deepEqual(names(searchCatalog(index, '养老 领取')), ['城乡居民养老保险待遇申领']);
  assert.deepEqual(searchCatalog(index, '养老 宅基地'), []);
});

test('full-width input and the limit are honoured; nonsense finds nothing', () => {
  assert.equal(searchCatalog(index, 'ｄｉｂａｏ')[0]?.name, '最低生活保障申请');
  assert.equal(searchCatalog(index, 'bu', 2).length, 2);
  assert.deepEqual(searchCatalog(index, 'qqqqxx'), []);
  assert.deepEqual(searchCatalog(index, '火星移民'), []);
});

test('groupByDepartment keeps catalog order within and across groups', () => {
  const groups = groupByDepartment(items);
  assert.equal(groups[0]?.department, '民政部门');
  assert.deepEqual(
    groups.flatMap((g) => g.items),
    [...items],
    'the catalog is listed department by department',
  );
  assert.equal(new Set(groups.map((g) => g.department)).size, groups.length);
  const mixed = [items[0]!, items[10]!, items[1]!];
  assert.deepEqual(
    groupByDepartment(mixed).map((g) => [g.department, g.items.map((i) => i.code)]),
    [
      [items[0]!.department, [items[0]!.code, items[1]!.code]],
      [items[10]!.department, [items[10]!.code]],
    ],
  );
});
