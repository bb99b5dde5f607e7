import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { PrinterInfo, PrinterPort } from '../../station/printing/ports/printer';
import { DaibanError } from '../../core/errors';
import { allMaterials, validValues } from '../helpers/forms';
import { makeStation, type TestStation } from '../helpers/station';
import { idNumber } from '../helpers/sync';

/** The printer is remembered per document: the receipt printer and the A4 printer are often two machines. */
const jobs: { printerId: string; title: string }[] = [];
const port: PrinterPort = {
  list: async (): Promise<PrinterInfo[]> => [
    { id: 'cups:receipt-80', name: '小票打印机', kind: 'cups', isDefault: false },
    { id: 'cups:office-a4', name: '办公室A4打印机', kind: 'cups', isDefault: true },
    { id: 'pdf', name: '保存为PDF文件', kind: 'pdf', isDefault: false },
  ],
  print: async (printerId, job) => {
    if (!(await port.list()).some((p) => p.id === printerId)) throw new DaibanError('NOT_FOUND', '找不到这台打印机。');
    jobs.push({ printerId, title: job.title });
    return { jobRef: `job-${jobs.length}` };
  },
};

let t: TestStation;
let scratch: string;
before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'daiban-printers-'));
  t = await makeStation({ printers: port });
});
after(() => {
  t.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

const chosen = async (doc: 'receipt' | 'intake_notice') => (await t.station.call('printers.list', { for: doc })).find((p) => p.lastUsed)?.id ?? null;

test('the printer a document last went to comes first next time, per document; nothing is remembered before', async () => {
  const api = t.station;
  assert.equal(await chosen('receipt'), null, 'nothing remembered yet: the system default is the choice');
  assert.equal((await api.call('printers.list', {})).find((p) => p.isDefault)?.id, 'cups:office-a4');
  const resident = await api.call('residents.register', { idNumber: idNumber(71), name: '钟桂香' });
  const item = await api.call('catalog.get', { code: 'MZ-0001' });
  const draft = await api.call('applications.createDraft', { residentId: resident.id, itemCode: item.code });
  await api.call('applications.saveDraft', { id: draft.id, form: validValues(item.form.fields), materials: {} });
  await api.call('documents.print', { kind: 'intake_notice', id: draft.id, printerId: 'cups:office-a4', copies: 1 });
  await api.call('applications.saveDraft', { id: draft.id, form: validValues(item.form.fields), materials: allMaterials(item) });
  await api.call('applications.submit', { id: draft.id });
  await api.call('receipts.print', { applicationId: draft.id, format: '80mm', printerId: 'cups:receipt-80', copies: 1 });
  assert.equal(await chosen('receipt'), 'cups:receipt-80');
  assert.equal(await chosen('intake_notice'), 'cups:office-a4');
  assert.deepEqual(
    jobs.map((j) => j.printerId),
    ['cups:office-a4', 'cups:receipt-80'],
  );
});

test('a printer id that fails is not remembered', async () => {
  const api = t.station;
  const before = await chosen('receipt');
  const [a] = (await api.call('applications.list', { status: ['queued'], limit: 1 })).items;
  await assert.rejects(
    api.call('receipts.print', { applicationId: a!.id, format: '80mm', printerId: 'cups:nowhere', copies: 1 }).then(() => Promise.reject(new Error('printed'))),
  );
  assert.equal(await chosen('receipt'), before);
});
