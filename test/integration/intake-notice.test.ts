import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { allMaterials, validValues } from '../helpers/forms';
import { makeStation, type TestStation } from '../helpers/station';
import { idNumber } from '../helpers/sync';

/** 一次性告知单 at the counter: a draft short of required papers, the page lists them all, the draft stays. */
let t: TestStation;
before(async () => {
  t = await makeStation();
});
after(() => t.cleanup());

const text = (pdfBase64: string): string => {
  const path = join(t.dataDir, 'notice.pdf');
  writeFileSync(path, Buffer.from(pdfBase64, 'base64'));
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
};

test("the notice lists every required material not received, the item's conditions, and masks the ID number", async () => {
  const api = t.station;
  const resident = await api.call('residents.register', { idNumber: idNumber(21), name: '钟桂香' });
  const item = await api.call('catalog.get', { code: 'MZ-0001' });
  const draft = await api.call('applications.createDraft', { residentId: resident.id, itemCode: item.code });
  const required = item.materials.filter((m) => m.required);
  const [brought, ...notBrought] = required;
  await api.call('applications.saveDraft', {
    id: draft.id,
    form: validValues(item.form.fields),
    materials: { [brought!.key]: { received: true, count: brought!.count } },
  });

  const doc = await api.call('documents.render', { kind: 'intake_notice', id: draft.id });
  const page = text(doc.pdfBase64);
  assert.match(page, /一次性告知单/);
  assert.match(page, new RegExp(`还缺少以下${notBrought.length}项申请材料`));
  for (const m of notBrought) assert.ok(page.includes(m.name.replace(/\s+/g, '')), `${m.name} is listed`);
  assert.ok(!page.includes(`1${brought!.name}`), 'what was brought is not asked for');
  assert.ok(page.includes(item.conditions[0]!.replace(/\s+/g, '').slice(0, 12)), 'the conditions are on the page');
  assert.ok(!page.includes(idNumber(21)), 'the full ID number never reaches paper');
  assert.equal((await api.call('applications.get', { id: draft.id })).status, 'draft', 'the draft stays');
});

test('nothing to tell is said in Chinese: every paper there, or the application already submitted', async () => {
  const api = t.station;
  const resident = await api.call('residents.register', { idNumber: idNumber(22), name: '刘德福' });
  const item = await api.call('catalog.get', { code: 'MZ-0001' });
  const draft = await api.call('applications.createDraft', { residentId: resident.id, itemCode: item.code });
  await api.call('applications.saveDraft', { id: draft.id, form: validValues(item.form.fields), materials: allMaterials(item) });
  await assert.rejects(api.call('documents.render', { kind: 'intake_notice', id: draft.id }), /必需的材料都已收齐/);
  await api.call('applications.submit', { id: draft.id });
  await assert.rejects(api.call('documents.render', { kind: 'intake_notice', id: draft.id }), /已经提交/);
});
