import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ApplicationView } from '../../core/api/views';
import { allMaterials, validValues } from '../helpers/forms';
import { makeStation, type TestStation } from '../helpers/station';
import { idNumber } from '../helpers/sync';

/** 申请队列's search: by the applicant's name, pinyin initials or ID digits, or a receipt number. */
let t: TestStation;
const taken: Record<string, ApplicationView> = {};

async function take(name: string, n: number, submit: boolean): Promise<void> {
  const api = t.station;
  const resident = await api.call('residents.register', { idNumber: idNumber(n), name });
  const item = await api.call('catalog.get', { code: 'MZ-0001' });
  const draft = await api.call('applications.createDraft', { residentId: resident.id, itemCode: item.code });
  await api.call('applications.saveDraft', { id: draft.id, form: validValues(item.form.fields), materials: allMaterials(item) });
  taken[name] = submit ? await api.call('applications.submit', { id: draft.id }) : draft;
}

before(async () => {
  t = await makeStation();
  await take('钟桂香', 11, true);
  await take('刘德福', 12, true);
  await take('钟小兰', 13, false);
});

after(() => t.cleanup());

const names = async (query: string) => (await t.station.call('applications.list', { query, limit: 50 })).items.map((a) => a.residentName).sort();

test('the queue finds applications by name, initials, ID digits and receipt number', async () => {
  assert.deepEqual(await names('钟'), ['钟小兰', '钟桂香']);
  assert.deepEqual(await names('zgx'), ['钟桂香']);
  assert.deepEqual(await names(idNumber(12).slice(-6)), ['刘德福']);
  const receipt = taken['刘德福']!.receiptNo!;
  assert.deepEqual(await names(receipt), ['刘德福']);
  assert.deepEqual(await names(receipt.slice(-7)), ['刘德福'], 'the end of a receipt number, as read off the paper');
  assert.deepEqual(await names('王'), []);
});

test('a search stays a search: LIKE wildcards are text, filters still apply, bad input is a Chinese refusal', async () => {
  assert.deepEqual(await names('%'), []);
  assert.deepEqual(await names('_'), []);
  const drafts = await t.station.call('applications.list', { query: '钟', status: ['draft'], limit: 50 });
  assert.deepEqual(
    drafts.items.map((a) => a.residentName),
    ['钟小兰'],
  );
  await assert.rejects(t.station.call('applications.list', { query: 'x'.repeat(41), limit: 50 }), (e: { code: string; message: string }) => {
    assert.equal(e.code, 'INVALID_INPUT');
    assert.match(e.message, /查找条件/);
    return true;
  });
  await assert.rejects(t.station.call('applications.list', { query: '钟\u0000', limit: 50 }), (e: { code: string }) => e.code === 'INVALID_INPUT');
});
