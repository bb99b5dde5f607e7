import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citizenIdCheckChar, maskCitizenId, parseCitizenId, upgradeCitizenId15, type CitizenId } from '../../core/citizen-id';
import { PROVINCES } from '../../core/provinces';

const TODAY = '2026-03-15';

function ok(input: string, today = TODAY): CitizenId {
  const r = parseCitizenId(input, today);
  assert.ok(r.ok, `expected ${input} to pass, got ${r.ok ? '' : r.message}`);
  return r.value;
}

function refused(input: string, today = TODAY): string {
  const r = parseCitizenId(input, today);
  assert.equal(r.ok, false, `expected ${input} to be refused`);
  if (r.ok) throw new Error('unreachable');
  assert.equal(r.code, 'INVALID_ID_NUMBER');
  return r.message;
}

/** Independent reference: weights 2^(17-i) mod 11, check value (12 - sum mod 11) mod 11, 10 = X. */
function referenceCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const v = (12 - (sum % 11)) % 11;
  return v === 10 ? 'X' : String(v);
}

test("the standard's example 11010519491231002X passes", () => {
  assert.deepEqual(ok('11010519491231002X'), {
    number: '11010519491231002X',
    birthDate: '1949-12-31',
    gender: 'female',
    provinceCode: '11',
    provinceName: '北京市',
    upgradedFrom15: false,
  });
});

test('lower-case x, surrounding and inner spaces, and full-width digits are accepted', () => {
  assert.equal(ok('  11010519491231002x \n').number, '11010519491231002X');
  assert.equal(ok('110105 19491231 002X').number, '11010519491231002X');
  assert.equal(ok('１１０１０５１９４９１２３１００２ｘ').number, '11010519491231002X');
});

test('gender comes from the 17th digit: odd is male', () => {
  const male = ok('360781198506150036');
  assert.equal(male.gender, 'male');
  assert.equal(male.provinceName, '江西省');
  assert.equal(ok('360781198506150044').gender, 'female');
});

test('check character agrees with an independent implementation', () => {
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let n = 0; n < 500; n++) {
    const first17 = Array.from({ length: 17 }, () => String(rand() % 10)).join('');
    assert.equal(citizenIdCheckChar(first17), referenceCheckChar(first17), first17);
  }
  assert.throws(() => citizenIdCheckChar('1234'), { code: 'INVALID_INPUT' });
});

test('wrong check characters fail and the message names the right one', () => {
  for (const last of ['0', '1', '2', '9']) {
    const msg = refused(`11010519491231002${last}`);
    assert.match(msg, /^校验码不正确，请核对最后一位（应为X）/);
  }
  assert.match(refused('360781198506150037'), /应为6）/);
  // A typo in the middle is caught by the check character too.
  assert.match(refused('11010519491231003X'), /校验码不正确/);
});

test('length and character errors say what is wrong', () => {
  assert.equal(refused('11010519491231002'), '身份证号码应为18位（当前为17位）');
  assert.equal(refused('1101051949123100201'), '身份证号码应为18位（当前为19位）');
  assert.match(refused('1101051949123100-X'), /^身份证号码中含有非法字符/);
  assert.match(refused('11010519491231X02X'), /^身份证号码中含有非法字符/);
  assert.match(refused('11010549123100X'), /^身份证号码中含有非法字符/);
  assert.equal(refused('   '), '请填写身份证号码');
});

test('a birth date that does not exist fails: 1949-02-30', () => {
  const first17 = '11010519490230002';
  assert.equal(refused(first17 + citizenIdCheckChar(first17)), '出生日期不存在：1949年02月30日');
  const month13 = '11010519491331002';
  assert.equal(refused(month13 + citizenIdCheckChar(month13)), '出生日期不存在：1949年13月31日');
});

test('leap days: 2000-02-29 passes, 1900-02-29 fails', () => {
  const v = ok('360781200002290019');
  assert.equal(v.birthDate, '2000-02-29');
  assert.equal(refused('360781190002290012'), '出生日期不存在：1900年02月29日');
  assert.equal(ok('360781190001010015').birthDate, '1900-01-01');
});

test('birth dates before 1900 fail even with a correct check character', () => {
  // 440524188001010014 is the second example in GB 11643-1999 (born 1880).
  assert.match(refused('440524188001010014'), /^出生日期早于1900年/);
});

test('a birth date after today fails; today itself passes', () => {
  assert.equal(refused('110105202601010019', '2025-12-31'), '出生日期晚于今天');
  assert.equal(ok('110105202601010019', '2026-01-01').birthDate, '2026-01-01');
});

test('the default "today" is the real date, so a far-future birth date fails without passing one', () => {
  const first17 = '11010520990101001';
  const r = parseCitizenId(first17 + citizenIdCheckChar(first17));
  assert.equal(r.ok, false);
});

test('an unknown province prefix fails', () => {
  assert.equal(refused('990105194912310023'), '身份证号码前两位不是有效的省份代码');
  const first17 = '00010519491231002';
  assert.equal(refused(first17 + citizenIdCheckChar(first17)), '身份证号码前两位不是有效的省份代码');
});

test('Taiwan, Hong Kong and Macau prefixes are known provinces', () => {
  assert.equal(ok('710000197001010016').provinceName, '台湾省');
  assert.equal(ok('81000019700101001X').provinceName, '香港特别行政区');
  assert.equal(Object.keys(PROVINCES).length, 34);
});

test('15-digit numbers are upgraded to 18 digits', () => {
  assert.equal(upgradeCitizenId15('110105491231002'), '11010519491231002X');
  const v = ok('110105491231002');
  assert.equal(v.number, '11010519491231002X');
  assert.equal(v.upgradedFrom15, true);
  assert.equal(v.birthDate, '1949-12-31');
  assert.equal(v.gender, 'female');
  // Same checks apply to the upgraded number.
  assert.equal(refused('110105490230002'), '出生日期不存在：1949年02月30日');
  assert.throws(() => upgradeCitizenId15('11010549123100X'), { code: 'INVALID_INPUT' });
});

test('masking keeps the first 6 and last 4 characters', () => {
  const masked = maskCitizenId('11010519491231002x');
  assert.equal(masked, '110105********002X');
  assert.equal(masked.length, 18);
  assert.equal(maskCitizenId('12345'), '*****');
});
