import { test } from 'node:test';
import assert from 'node:assert/strict';
import { divisionContains, divisionPrefix, parseDivisionCode } from '../../core/division';

function refused(code: string): string {
  const r = parseDivisionCode(code);
  assert.equal(r.ok, false, `expected ${code} to be refused`);
  if (r.ok) throw new Error('unreachable');
  assert.equal(r.code, 'INVALID_DIVISION_CODE');
  return r.message;
}

test('each level is recognised from a full 12-digit code', () => {
  const cases: [string, string][] = [
    ['360000000000', 'province'],
    ['360700000000', 'city'],
    ['360781000000', 'county'],
    ['360781102000', 'township'],
    ['360781102201', 'village'],
  ];
  for (const [code, level] of cases) {
    assert.deepEqual(parseDivisionCode(code), { ok: true, value: { code, level, provinceCode: '36' } });
  }
});

test('short codes are padded to 12 digits', () => {
  const expected: [string, string, string][] = [
    ['36', '360000000000', 'province'],
    ['3607', '360700000000', 'city'],
    ['360781', '360781000000', 'county'],
    ['360781102', '360781102000', 'township'],
    [' 360781102201 ', '360781102201', 'village'],
  ];
  for (const [input, code, level] of expected) {
    const r = parseDivisionCode(input);
    assert.ok(r.ok);
    assert.equal(r.value.code, code);
    assert.equal(r.value.level, level);
  }
});

test('bad lengths, characters and provinces are refused in Chinese', () => {
  assert.match(refused('36078'), /当前为5位/);
  assert.match(refused('3607811022011'), /当前为13位/);
  assert.equal(refused('36078110220A'), '区划代码只能由数字组成');
  assert.equal(refused(''), '请填写区划代码');
  assert.equal(refused('990781102201'), '区划代码前两位不是有效的省份代码');
  assert.equal(refused('000000000000'), '区划代码前两位不是有效的省份代码');
});

test('zero parts inside a code are refused', () => {
  assert.match(refused('360081000000'), /市级部分为0/); // city 00, county 81
  assert.match(refused('360700102000'), /县级部分为0/);
  assert.match(refused('360781000201'), /乡级部分为0/);
  assert.match(refused('360000000001'), /市级部分为0/);
});

test('divisionPrefix returns the significant digits', () => {
  assert.equal(divisionPrefix('360000000000'), '36');
  assert.equal(divisionPrefix('360700000000'), '3607');
  assert.equal(divisionPrefix('360781000000'), '360781');
  assert.equal(divisionPrefix('360781102000'), '360781102');
  assert.equal(divisionPrefix('360781102201'), '360781102201');
  assert.throws(() => divisionPrefix('12345'), { code: 'INVALID_DIVISION_CODE' });
});

test('divisionContains: a township contains its villages, not its neighbours', () => {
  const township = '360781102000';
  assert.equal(divisionContains(township, '360781102201'), true);
  assert.equal(divisionContains(township, '360781102'), true);
  assert.equal(divisionContains(township, township), true);
  assert.equal(divisionContains(township, '360781103201'), false);
  assert.equal(divisionContains(township, '360781000000'), false); // the county is above it
  assert.equal(divisionContains('360781102201', township), false);
  assert.equal(divisionContains('36', '360781102201'), true);
  assert.equal(divisionContains('3607', '360881102201'), false);
  assert.equal(divisionContains('360781102201', '360781102201'), true);
  assert.equal(divisionContains('360781102201', '360781102202'), false);
});

test('divisionContains is false for invalid codes on either side', () => {
  assert.equal(divisionContains('3607811', '360781102201'), false);
  assert.equal(divisionContains('360781102000', '36078110220X'), false);
  assert.equal(divisionContains('360081000000', '360081102201'), false);
});
