import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogVersionSchema } from '../../core/catalog/model';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { evaluate, expressionProblems, type ExpressionNames } from '../../core/forms/expression';
import { applicantFacts } from '../../core/forms/logic';
import { formLiveState, validateForm } from '../../core/forms/validate';
import { dibaoForm, DIBAO_BAD, DIBAO_GOOD } from '../helpers/form-logic';

const scope = (values: Record<string, unknown>, params: Record<string, number> = {}) => ({ values, params, applicant: { age: 67, gender: 'female' } });
const names = (fields: string[], params: string[] = []): ExpressionNames => ({ fields: new Set(fields), self: true, params: new Set(params) });

test('the expression language: arithmetic, comparison, tables, parameters and the applicant', () => {
  const v = { a: 6, b: 4, t: [{ x: 1, r: '本人' }, { x: 2.5, r: '配偶' }, { r: '子女' }] };
  assert.equal(evaluate('a * b + 1', scope(v)), 25);
  assert.equal(evaluate('round(a / b, 1)', scope(v)), 1.5);
  assert.equal(evaluate('count(t) == 3 && sum(t, "x") == 3.5', scope(v)), true);
  assert.equal(evaluate("countIf(t, 'r', '本人')", scope(v)), 1);
  assert.equal(evaluate('param.limit * 2', scope(v, { limit: 700 })), 1400);
  assert.equal(evaluate('applicant.age >= 60', scope(v)), true);
  assert.equal(evaluate('a > b ? "大" : "小"', scope(v)), '大');
  assert.equal(evaluate('min(a, b, 9) + max(a, b) + abs(-2)', scope(v)), 12);
  assert.equal(evaluate('len("华屋村") + len(t)', scope(v)), 6);
});

test('an unanswered field makes a rule "cannot tell yet", never a false refusal', () => {
  assert.equal(evaluate('income / size < 700', scope({ income: 900 })), undefined);
  assert.equal(evaluate('income / size', scope({ income: 900, size: 0 })), undefined, 'a division by zero cannot be told');
  assert.equal(evaluate('x > 1 || y == 2', scope({ y: 2 })), true, 'one side is enough for ||');
  assert.equal(evaluate('x > 1 && y == 2', scope({ y: 3 })), false, 'one false side is enough for &&');
  assert.equal(evaluate('empty(x) && !empty(y)', scope({ x: '', y: 'a' })), true);
});

test('the language cannot reach JavaScript: no eval, no prototype, no properties but param and applicant', () => {
  const n = names(['a']);
  for (const text of [
    'constructor',
    'a.constructor',
    'a["constructor"]',
    'this',
    'x = 1',
    '[1, 2]',
    'a; a',
    'f(1)',
    'param.__proto__',
    'globalThis.process',
    '/x/.test(a)',
  ]) {
    assert.ok(expressionProblems(text, n).length > 0, `${text} must be refused`);
  }
  assert.equal(evaluate('constructor', scope({ a: 1 })), undefined);
  assert.equal(evaluate('param.toString', scope({}, {})), undefined);
  assert.ok(expressionProblems('(((a', n)[0]!.startsWith('无法解析'));
  assert.deepEqual(expressionProblems("round(a / 2, 1) >= 3 && countIf(a, 'k', 'v') == 0", n), []);
});

test('a malformed or dangling rule is refused when the catalog version is parsed (publish, feed, store)', () => {
  const item = SEED_CATALOG.items.find((i) => i.code === 'MZ-0001')!;
  const broken = (patch: (form: Record<string, unknown>) => void): string[] => {
    const form = structuredClone(item.form) as unknown as Record<string, unknown>;
    patch(form);
    const r = catalogVersionSchema.safeParse({ ...SEED_CATALOG, items: [{ ...item, form }] });
    assert.equal(r.success, false);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };
  const [m1] = broken((f) => ((f.rules as unknown[])[0] = { field: 'members', assert: 'count(members) ==', message: '人口不一致' }));
  assert.match(m1!, /最低生活保障.*MZ-0001.*无法解析/);
  const [m2] = broken((f) => ((f.rules as unknown[])[0] = { field: 'members', assert: 'count(memberz) == 1', message: '人口不一致' }));
  assert.match(m2!, /未知的名称“memberz”/);
  const [m3] = broken((f) => ((f.rules as unknown[])[0] = { field: 'members', assert: 'param.nope > 1', message: '人口不一致' }));
  assert.match(m3!, /目录参数中没有“nope”/);
  const [m4] = broken((f) => ((f.rules as unknown[])[0] = { field: 'nofield', assert: 'true', message: '人口不一致' }));
  assert.match(m4!, /指向不存在的字段/);
  const [m5] = broken((f) => ((f.fields as Record<string, unknown>[])[0]!.constraint = 'len(self) > 1'));
  assert.match(m5!, /有校验规则但没有提示语/);
  const [m6] = broken((f) => ((f.fields as Record<string, unknown>[])[0]!.default = '因穷'));
  assert.match(m6!, /字段“主要致困原因”的默认值“因穷”不在选项中/);
});

test("低保: the issue's form (5 people, one row, 300,000 a month, 9,000,000 saved) is refused with named reasons", () => {
  const r = validateForm(dibaoForm(), DIBAO_BAD, { today: '2026-12-06' });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.fields.members!, /共同生活家庭人口填写为5人，家庭成员表却有1行/);
  assert.match(r.fields.monthlyIncome!, /家庭人均月收入60000元，不低于本县低保标准700元/);
  assert.match(r.fields.savings!, /家庭人均存款及有价证券1800000元，超过本县规定的上限（低保标准的24倍，即16800元）/);
});

test('低保: a correct form passes and carries the computed per-capita income', () => {
  const good = DIBAO_GOOD;
  const r = validateForm(dibaoForm(), good, { today: '2026-12-06' });
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.fields));
  assert.equal(r.value.perCapitaIncome, 450);
  const tampered = validateForm(dibaoForm(), { ...good, perCapitaIncome: 1 }, { today: '2026-12-06' });
  assert.ok(tampered.ok && tampered.value.perCapitaIncome === 450, 'a computed field is computed, never taken from the input');
});

test('老年人优待证: age from the ID, a field shown only for 邮寄到家, a phone required once a contact is named', () => {
  const item = SEED_CATALOG.items.find((i) => i.code === 'WJ-0004')!;
  const base = { applyType: '新办', photoSource: '代办点现场拍照', deliveryMethod: '村代办点领取', phone: '13907971234' };
  const today = '2026-12-06';
  const young = validateForm(item.form, base, { today, applicant: applicantFacts({ birthDate: '1967-01-01', gender: 'male' }, today) });
  assert.ok(!young.ok && young.fields.applyType === '申请人今年59周岁，年满60周岁才能办理老年人优待证');
  const old = applicantFacts({ birthDate: '1966-12-06', gender: 'male' }, today);
  assert.equal(old.age, 60);
  assert.ok(validateForm(item.form, { ...base, mailingAddress: '被隐藏的地址' }, { today, applicant: old }).ok);
  const hidden = validateForm(item.form, { ...base, mailingAddress: '被隐藏的地址' }, { today, applicant: old });
  assert.ok(hidden.ok && !('mailingAddress' in hidden.value), 'a hidden field keeps no value');
  const mailed = validateForm(item.form, { ...base, deliveryMethod: '邮寄到家' }, { today, applicant: old });
  assert.ok(!mailed.ok && mailed.fields.mailingAddress === '请填写“邮寄地址”');
  const contact = validateForm(item.form, { ...base, emergencyContact: '刘小红' }, { today, applicant: old });
  assert.ok(!contact.ok && contact.fields.emergencyPhone === '请填写“紧急联系人电话”');
});

test('a hostile expression in a catalog: 5,000 levels of nesting are refused by length, 240 parse and evaluate', () => {
  const item = SEED_CATALOG.items.find((i) => i.code === 'MZ-0001')!;
  const deep = `${'('.repeat(5000)}1${')'.repeat(5000)} == 1`;
  const r = catalogVersionSchema.safeParse({
    ...SEED_CATALOG,
    items: [{ ...item, form: { ...item.form, rules: [{ field: 'members', assert: deep, message: '太深了' }] } }],
  });
  assert.equal(r.success, false);
  const nested = `${'('.repeat(240)}householdSize${')'.repeat(240)} > 0`;
  assert.deepEqual(expressionProblems(nested, names(['householdSize'])), []);
  assert.equal(evaluate(nested, scope({ householdSize: 3 })), true);
  assert.ok(expressionProblems('"\u0000" == a', names(['a'])).length === 0, 'a NUL in a string literal is text, not a crash');
});

test('the live view reads tables as a submit does: a total over typed member incomes is computed on screen', () => {
  const form = {
    fields: [
      {
        key: 'members',
        label: '家庭成员',
        kind: 'members' as const,
        required: true,
        columns: [{ key: 'monthlyIncome', label: '月收入', kind: 'money' as const, required: false }],
      },
      { key: 'total', label: '成员收入合计', kind: 'money' as const, required: false, calculate: "sum(members, 'monthlyIncome')" },
    ],
  };
  const live = formLiveState(form, { members: [{ monthlyIncome: '300' }, { monthlyIncome: '150.5' }] }, { today: '2026-12-06' });
  assert.equal(live.computed.total, 450.5);
});
