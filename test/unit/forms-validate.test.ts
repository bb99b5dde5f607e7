import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';
import { formFieldSchema, materialSchema, type FormField } from '../../core/catalog/model';
import { citizenIdCheckChar } from '../../core/citizen-id';
import { normalisePhone } from '../../core/forms/phone';
import { emptyFormValues, validateForm, validateMaterials } from '../../core/forms/validate';

const TODAY = '2026-03-15';
const fields = (input: z.input<typeof formFieldSchema>[]): FormField[] => input.map((f) => formFieldSchema.parse(f));

function errorsOf(fs: FormField[], values: Record<string, unknown>): Record<string, string> {
  const r = validateForm({ fields: fs }, values, { today: TODAY });
  assert.equal(r.ok, false, 'expected the form to be refused');
  if (r.ok) throw new Error('unreachable');
  return r.fields;
}

function valueOf(fs: FormField[], values: Record<string, unknown>): Record<string, unknown> {
  const r = validateForm({ fields: fs }, values, { today: TODAY });
  assert.ok(r.ok, `expected the form to pass, got ${r.ok ? '' : JSON.stringify(r.fields)}`);
  return r.value;
}

/** Checks one field kind: `good` inputs normalise to the given values, `bad` inputs give the given messages. */
function checkField(field: z.input<typeof formFieldSchema>, good: [unknown, unknown][], bad: [unknown, string | RegExp][]) {
  const fs = fields([field]);
  for (const [input, normalised] of good) {
    assert.deepEqual(valueOf(fs, { [field.key]: input }), { [field.key]: normalised }, `${JSON.stringify(input)}`);
  }
  for (const [input, message] of bad) {
    const msg = errorsOf(fs, { [field.key]: input })[field.key];
    assert.ok(msg !== undefined, `no error for ${JSON.stringify(input)}`);
    if (typeof message === 'string') assert.equal(msg, message);
    else assert.match(msg, message);
  }
}

const id = (first17: string) => first17 + citizenIdCheckChar(first17);

test('text and textarea: trimmed, maxLength counted in characters', () => {
  checkField(
    { key: 'name', label: '姓名', kind: 'text', maxLength: 4 },
    [
      ['  张三 ', '张三'],
      ['欧阳𠀀明', '欧阳𠀀明'],
      [42, '42'],
    ],
    [
      ['欧阳小明明', '“姓名”不能超过4个字（当前5个字）'],
      [true, '“姓名”应为文字'],
      [{}, '“姓名”应为文字'],
    ],
  );
  checkField({ key: 'reason', label: '申请理由', kind: 'textarea' }, [['因病致贫\n无劳动能力 ', '因病致贫\n无劳动能力']], [[['x'], '“申请理由”应为文字']]);
});

test('number: numeric strings accepted, integer/min/max with unit', () => {
  checkField(
    { key: 'age', label: '年龄', kind: 'number', integer: true, min: 0, max: 120, unit: '岁' },
    [
      [60, 60],
      ['61', 61],
      [' ６２ ', 62],
      [0, 0],
      ['-0', 0],
    ],
    [
      ['六十', '“年龄”应为数字'],
      ['6 0岁', '“年龄”应为数字'],
      [60.5, '“年龄”应为整数'],
      ['-1', '“年龄”不能小于0岁'],
      [121, '“年龄”不能大于120岁'],
      [Number.NaN, '“年龄”应为数字'],
      [Infinity, '“年龄”应为数字'],
    ],
  );
  checkField(
    { key: 'area', label: '承包面积', kind: 'number' },
    [
      ['3.75', 3.75],
      [-2, -2],
    ],
    [],
  );
});

test('money: yuan with at most two decimals, number or numeric string, never negative by default', () => {
  checkField(
    { key: 'income', label: '月收入', kind: 'money', max: 100000 },
    [
      [1200, 1200],
      ['1200.5', 1200.5],
      ['1,200.50', 1200.5],
      ['￥980元', 980],
      [0.1, 0.1],
      ['0', 0],
    ],
    [
      ['12.345', '“月收入”最多保留两位小数（精确到分）'],
      [0.1 + 0.2, '“月收入”最多保留两位小数（精确到分）'],
      ['-5', '“月收入”不能为负数'],
      ['一千', /^“月收入”应为金额/],
      [100000.01, '“月收入”不能超过100000元'],
      [false, /^“月收入”应为金额/],
    ],
  );
  checkField({ key: 'refund', label: '退费', kind: 'money', min: -100 }, [[-50, -50]], [[-101, '“退费”不能少于-100元']]);
});

test('date: real dates, a few written forms normalised, notFuture against today', () => {
  checkField(
    { key: 'accidentDate', label: '发生日期', kind: 'date', notFuture: true },
    [
      ['2026-03-15', '2026-03-15'],
      ['2024-02-29', '2024-02-29'],
      ['2026/1/5', '2026-01-05'],
      ['2025年12月1日', '2025-12-01'],
    ],
    [
      ['2026-03-16', '“发生日期”不能晚于今天'],
      ['2025-02-29', '“发生日期”：日期不存在（2025年02月29日）'],
      ['2026-13-01', '“发生日期”：日期不存在（2026年13月01日）'],
      ['昨天', '“发生日期”应为日期，如2026-01-31'],
      [20260101, '“发生日期”应为日期，如2026-01-31'],
    ],
  );
  checkField({ key: 'planned', label: '预约日期', kind: 'date' }, [['2027-01-01', '2027-01-01']], []);
});

test('select: the value must be one of the options', () => {
  checkField(
    { key: 'relation', label: '与申请人关系', kind: 'select', options: ['本人', '配偶', '子女'] },
    [
      ['配偶', '配偶'],
      [' 子女 ', '子女'],
    ],
    [
      ['父亲', '“与申请人关系”只能从以下选项中选择：本人、配偶、子女'],
      [1, /只能从以下选项中选择/],
    ],
  );
});

test('boolean: true and false are values, anything else is refused', () => {
  checkField(
    { key: 'disabled', label: '是否残疾', kind: 'boolean', required: true },
    [
      [true, true],
      [false, false],
    ],
    [
      ['true', '“是否残疾”应选择“是”或“否”'],
      [1, '“是否残疾”应选择“是”或“否”'],
      [null, '请选择“是否残疾”'],
    ],
  );
});

test('citizenId: parsed, normalised to 18 upper-case characters, refusals quote the reason', () => {
  checkField(
    { key: 'idNumber', label: '身份证号码', kind: 'citizenId' },
    [
      ['11010519491231002x', '11010519491231002X'],
      ['110105491231002', '11010519491231002X'],
    ],
    [
      ['110105194912310021', /^“身份证号码”：校验码不正确，请核对最后一位（应为X）/],
      ['1101051949123100', '“身份证号码”：身份证号码应为18位（当前为16位）'],
      [id('11010520260401001'), '“身份证号码”：出生日期晚于今天'],
      [110105194912310020, /^“身份证号码”应为18位号码/],
    ],
  );
});

test('phone: mobile or landline with area code', () => {
  checkField(
    { key: 'phone', label: '联系电话', kind: 'phone' },
    [
      ['13812345678', '13812345678'],
      ['138 1234 5678', '13812345678'],
      ['+86 13812345678', '13812345678'],
      [13812345678, '13812345678'],
      ['0791-1234567', '0791-1234567'],
      ['07911234567', '0791-1234567'],
      ['010-12345678', '010-12345678'],
      ['01012345678', '010-12345678'],
      ['（0797）8123456', '0797-8123456'],
    ],
    [
      ['12812345678', /^“联系电话”不是有效的电话号码/],
      ['1381234567', /^“联系电话”不是有效的电话号码/],
      ['0791-123456', /^“联系电话”不是有效的电话号码/],
      ['07-1234567', /^“联系电话”不是有效的电话号码/],
      ['0791-0123456', /^“联系电话”不是有效的电话号码/],
      ['abc', /^“联系电话”不是有效的电话号码/],
    ],
  );
  assert.equal(normalisePhone('0201234567'), '020-1234567'); // 02x area codes have three digits
  assert.equal(normalisePhone('07971234567'), '0797-1234567');
  assert.equal(normalisePhone('02012345678'), '020-12345678');
});

test('address: at least 5 characters', () => {
  checkField(
    { key: 'address', label: '家庭住址', kind: 'address' },
    [
      [' 石城县  小松镇 ', '石城县 小松镇'],
      ['上坊村3组12号', '上坊村3组12号'],
    ],
    [
      ['上坊村', '“家庭住址”太短，请写清楚到村、组和门牌号（至少5个字）'],
      [12345, '“家庭住址”应为文字'],
    ],
  );
});

test('bankAccount: 12 to 19 digits, spaces removed, no Luhn check', () => {
  checkField(
    { key: 'account', label: '社保卡或存折账号', kind: 'bankAccount' },
    [
      ['6217 0000 1234 5678 9', '62170000123456789'],
      ['622848001234567891', '622848001234567891'], // fails Luhn, accepted on purpose
      ['123456789012', '123456789012'],
      [123456789012, '123456789012'],
    ],
    [
      ['12345678901', '“社保卡或存折账号”应为12至19位数字（当前为11位）'],
      ['12345678901234567890', '“社保卡或存折账号”应为12至19位数字（当前为20位）'],
      ['6217-0000-1234-5678', /^“社保卡或存折账号”只能填写数字/],
    ],
  );
});

const household = fields([
  {
    key: 'members',
    label: '家庭成员',
    kind: 'members',
    required: true,
    minRows: 1,
    maxRows: 3,
    columns: [
      { key: 'name', label: '姓名', kind: 'text', required: true },
      { key: 'idNumber', label: '身份证号码', kind: 'citizenId', required: true },
      { key: 'relation', label: '关系', kind: 'select', options: ['本人', '配偶', '子女'], required: true },
      { key: 'income', label: '月收入', kind: 'money' },
    ],
  },
]);

test('members: rows validated per column with dot paths and row numbers', () => {
  const errors = errorsOf(household, {
    members: [
      { name: '张三', idNumber: '11010519491231002X', relation: '本人' },
      { name: '李四', idNumber: '11010519491231002x', relation: '配偶' },
      { name: '', idNumber: '110105194912310021', relation: '儿子', income: '1.234' },
    ],
  });
  assert.deepEqual(errors, {
    'members.1.idNumber': '“家庭成员”第2行“身份证号码”与第1行重复',
    'members.2.name': '“家庭成员”第3行：请填写“姓名”',
    'members.2.idNumber': '“家庭成员”第3行“身份证号码”：校验码不正确，请核对最后一位（应为X）；若最后一位无误，请逐位核对前17位',
    'members.2.relation': '“家庭成员”第3行“关系”只能从以下选项中选择：本人、配偶、子女',
    'members.2.income': '“家庭成员”第3行“月收入”最多保留两位小数（精确到分）',
  });
});

test('members: normalised rows, unknown columns dropped, optional cells omitted', () => {
  const value = valueOf(household, {
    members: [
      { name: ' 张三 ', idNumber: '11010519491231002x', relation: '本人', income: '800', note: 'x' },
      { name: '张小花', idNumber: id('36078120100601002'), relation: '子女' },
    ],
  });
  assert.deepEqual(value, {
    members: [
      { name: '张三', idNumber: '11010519491231002X', relation: '本人', income: 800 },
      { name: '张小花', idNumber: id('36078120100601002'), relation: '子女' },
    ],
  });
});

test('members: required, min and max rows, blank rows and malformed input', () => {
  assert.deepEqual(errorsOf(household, { members: [] }), { members: '请填写“家庭成员”' });
  assert.deepEqual(errorsOf(household, {}), { members: '请填写“家庭成员”' });
  const row = (i: number) => ({ name: `成员${i}`, idNumber: id(`3607812010060100${i}`), relation: '子女' });
  assert.deepEqual(errorsOf(household, { members: [row(1), row(2), row(3), row(4)] }), {
    members: '“家庭成员”最多只能填写3行（当前4行）',
  });
  assert.deepEqual(errorsOf(household, { members: [row(1), { name: '', idNumber: null }] }), {
    'members.1': '“家庭成员”第2行是空行，请填写（不需要的行请删除）',
  });
  assert.deepEqual(errorsOf(household, { members: 'x' }), { members: '“家庭成员”格式不正确，请重新填写' });
  assert.deepEqual(errorsOf(household, { members: [row(1), 'x'] }), { 'members.1': '“家庭成员”第2行格式不正确，请重新填写' });

  const atLeastTwo = fields([{ key: 'm', label: '共同生活成员', kind: 'members', minRows: 2, columns: [{ key: 'name', label: '姓名', kind: 'text' }] }]);
  assert.deepEqual(errorsOf(atLeastTwo, { m: [{ name: '甲' }] }), { m: '“共同生活成员”至少需要填写2行（当前1行）' });
  assert.deepEqual(valueOf(atLeastTwo, {}), {}); // optional table left out entirely
});

const applicationForm = fields([
  { key: 'applicant', label: '申请人姓名', kind: 'text', required: true },
  { key: 'idNumber', label: '身份证号码', kind: 'citizenId', required: true },
  { key: 'phone', label: '联系电话', kind: 'phone', required: true },
  { key: 'income', label: '月收入', kind: 'money', required: true },
  { key: 'reason', label: '申请理由', kind: 'textarea' },
  { key: 'kind', label: '保障类别', kind: 'select', options: ['低保', '特困'], required: true },
]);

test('every error is collected at once; empty string, null and undefined count as missing', () => {
  const errors = errorsOf(applicationForm, { applicant: '  ', idNumber: null, phone: '123', income: '', kind: undefined });
  assert.deepEqual(errors, {
    applicant: '请填写“申请人姓名”',
    idNumber: '请填写“身份证号码”',
    phone: '“联系电话”不是有效的电话号码（手机号为1开头的11位数字，固定电话如0791-1234567）',
    income: '请填写“月收入”',
    kind: '请选择“保障类别”',
  });
});

test('the normalised value drops unknown keys and omits missing optional fields', () => {
  const value = valueOf(applicationForm, {
    applicant: ' 王五 ',
    idNumber: '110105491231002',
    phone: '138-1234-5678'.replaceAll('-', ' '),
    income: '1,500.00',
    reason: '',
    kind: '低保',
    injected: '<script>',
  });
  assert.deepEqual(value, {
    applicant: '王五',
    idNumber: '11010519491231002X',
    phone: '13812345678',
    income: 1500,
    kind: '低保',
  });
});

test('emptyFormValues gives blank values that validate as missing', () => {
  const blank = emptyFormValues([...applicationForm, ...household]);
  assert.deepEqual(blank, {
    applicant: '',
    idNumber: '',
    phone: '',
    income: null,
    reason: '',
    kind: '',
    members: [{ name: '', idNumber: '', relation: '', income: null }],
  });
  const errors = errorsOf([...applicationForm, ...household], blank);
  assert.deepEqual(Object.keys(errors).sort(), ['applicant', 'idNumber', 'income', 'kind', 'members.0', 'phone']);
});

test('materials: each required material must be received in full', () => {
  const materials = [
    { key: 'hukou', name: '户口簿', form: 'original_and_copy', count: 1, required: true },
    { key: 'idCard', name: '身份证', form: 'copy', count: 2, required: true },
    { key: 'income', name: '收入证明', form: 'original', count: 1, required: true },
    { key: 'photo', name: '近期照片', form: 'original', count: 2, required: false },
  ].map((m) => materialSchema.parse(m));

  assert.deepEqual(validateMaterials(materials, { idCard: { received: true, count: 1 }, income: { received: false, count: 1 } }), {
    ok: false,
    fields: {
      'materials.hukou': '缺少“户口簿”（原件及复印件，1份）',
      'materials.idCard': '“身份证”份数不够：需要复印件，2份，只收到1份',
      'materials.income': '缺少“收入证明”（原件，1份）',
    },
  });
  assert.deepEqual(
    validateMaterials(materials, {
      hukou: { received: true, count: 1 },
      idCard: { received: true, count: 3 },
      income: { received: true, count: 1 },
    }),
    { ok: true },
  );
  assert.deepEqual(
    validateMaterials(materials, { hukou: { received: true, count: 0 }, idCard: { received: true, count: 2 }, income: { received: true, count: 1 } }),
    {
      ok: false,
      fields: { 'materials.hukou': '缺少“户口簿”（原件及复印件，1份）' },
    },
  );
});
