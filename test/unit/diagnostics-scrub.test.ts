import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { REDACTED } from '../../core/diagnostics/bundle';
import { openStore } from '../../db';
import { createScrubber, patternScrubber } from '../../station/diagnostics/scrub';

const dir = mkdtempSync(join(tmpdir(), 'daiban-scrub-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('patterns: ID numbers, bank cards and phones go; hashes, timestamps, times and counts stay', () => {
  const s = patternScrubber();
  const cases: [string, string][] = [
    ['身份证 36078119560314001X 校验失败', `身份证 ${REDACTED} 校验失败`],
    ['旧号 360781560314001。', `旧号 ${REDACTED}。`],
    ['号码 360781 19560314 0020 有空格', `号码 ${REDACTED} 有空格`],
    ['卡号 6217 0000 1234 5678 901', `卡号 ${REDACTED}`],
    ['电话13907971234，座机0797-8321456', `电话${REDACTED}，座机${REDACTED}`],
    ['{"phone":"15870001122"}', `{"phone":"${REDACTED}"}`],
  ];
  for (const [input, expected] of cases) assert.equal(s.scrub(input), expected);
  const kept = [
    '{"level":30,"time":1764280327123,"pid":4242,"msg":"sync: run failed"}',
    'audit head 0a13907971234b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4',
    '2026-11-27T21:52:07.123Z 用时 1350 ms，共 20261127 字节',
    'terminal 0192f7c1-3b4a-7d2e-8f00-13907971234a',
  ];
  for (const line of kept) assert.equal(s.scrub(line), line);
  assert.equal(s.redactions, 7);
});

test('known values: residents, form members, the township replica and staff, longest first', () => {
  const db = openStore({ file: join(dir, 'store.db'), key: randomBytes(32) });
  const at = '2026-11-27T08:00:00.000Z';
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u1', 'cadre01', '李春梅', 'cadre', 'x', ?, ?)`,
  ).run(at, at);
  db.prepare(
    `INSERT INTO residents (id, id_number, id_reversed, name, name_pinyin, name_initials, gender, birth_date, phone, phone_reversed, address, created_by, created_at, updated_at)
     VALUES ('r1', '36078119560314001X', 'x', '欧阳明', 'ouyangming', 'oym', 'male', '1956-03-14', '13907971234', 'x', '华屋村3组18号', 'u1', ?, ?)`,
  ).run(at, at);
  db.prepare(`INSERT INTO catalog_versions (version, published_at, body, received_at) VALUES ('2026.1', ?, '{}', ?)`).run(at, at);
  db.prepare(
    `INSERT INTO applications (id, resident_id, item_code, catalog_version, status, form, created_by, created_at, updated_at)
     VALUES ('a1', 'r1', 'MZ-0001', '2026.1', 'draft', ?, 'u1', ?, ?)`,
  ).run(
    JSON.stringify({
      members: [{ name: '欧阳明华', idNumber: '360781200001011233', relation: '子女' }],
      guardianName: '赵小燕',
      bankAccount: '6217000012345678901',
    }),
    at,
    at,
  );
  db.prepare(
    `INSERT INTO review_applications (id, receipt_no, village_code, item_code, catalog_version, status, platform_status, resident, resident_name,
       form, materials, attachments, cadre_name, submitted_at, due_date, received_at, updated_at)
     VALUES ('v1', 'R1', '360781102202', 'MZ-0001', '2026.1', 'sent', 'sent', ?, '钟桂香', ?, '{}', '[]', '刘德福', ?, '2026-12-01', ?, ?)`,
  ).run(
    JSON.stringify({ name: '钟桂香', idNumber: '360781196001010027', phone: '0797-8321456', address: '大坪村5组' }),
    JSON.stringify({ spouseName: '谢长生' }),
    at,
    at,
    at,
  );

  const s = createScrubber(db);
  const line = '欧阳明华和欧阳明（ouyangming）住华屋村3组18号，监护人赵小燕；钟桂香、谢长生由刘德福受理，李春梅复核；状态 sent';
  const out = s.scrub(line);
  for (const v of ['欧阳明', 'ouyangming', '华屋村3组18号', '赵小燕', '钟桂香', '谢长生', '刘德福', '李春梅']) assert.ok(!out.includes(v), `${v} in ${out}`);
  assert.equal(
    out,
    `${REDACTED}和${REDACTED}（${REDACTED}）住${REDACTED}，监护人${REDACTED}；${REDACTED}、${REDACTED}由${REDACTED}受理，${REDACTED}复核；状态 sent`,
  );
  // Known values only (for the bundle's own strings): the store's phone goes, an unknown one is left to the patterns.
  assert.equal(s.scrubKnown('电话 13907971234，另 18688889999'), `电话 ${REDACTED}，另 18688889999`);
  db.close();
});
