import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { parseReceiptCode } from '../../core/receipt-code';
import type { ApplicationSubmitted, HandoverListed, ReviewDecided } from '../../core/sync/messages';
import { paperReader, assertHas, REJECT_REASON, REMEDIES } from '../helpers/paper';
import { refused } from '../helpers/refusals';
import { decidedChange, feed, lastOutbox, localTownship, receivedChange, submittedOn, TOWNSHIP_POINT } from '../helpers/review';
import { makeStation, manualClock } from '../helpers/station';

// The documents through the StationApi, as a cadre and a township get them: rendered from what the terminal
// holds, printed, and refused where the decision or the role does not fit. Read back with poppler and zbar.

const { save, text, rawText, scan } = paperReader();

function decision(sub: ApplicationSubmitted, d: Pick<ReviewDecided, 'decision' | 'reason' | 'supplement'>, at: string): ReviewDecided {
  return {
    decisionId: uuidv7(),
    applicationId: sub.applicationId,
    divisionCode: sub.divisionCode,
    reviewer: { id: 'review01', name: '张建国' },
    decidedAt: at,
    ...d,
  };
}

test('StationApi: the village renders and prints its handover list and both notices; the wrong notice is refused', async () => {
  const clock = manualClock('2026-11-23T02:00:00.000Z');
  const t = await makeStation({ clock });
  const village = t.station;
  try {
    const a = await submittedOn(village);
    const b = await submittedOn(village);

    // The handover list of both.
    const list = await village.call('handover.create', {});
    const rendered = await village.call('documents.render', { kind: 'handover', id: list.id });
    assert.equal(rendered.fileName, `交接清单-${list.listNo}.pdf`);
    const listPath = await save(Buffer.from(rendered.pdfBase64, 'base64'), 'api-handover');
    assertHas(await text(listPath), [list.listNo, '王兆明', '最低生活保障申请', '合计：申请2件'], 'api handover');
    assertHas(await rawText(listPath), [a.receiptNo, b.receiptNo], 'api handover (raw)');
    assert.deepEqual(await scan(listPath, 'api-handover', 300), [list.listNo]);
    await refused(village.call('documents.render', { kind: 'handover', id: uuidv7() }), 'NOT_FOUND');

    // No decision yet: no notice.
    await refused(village.call('documents.render', { kind: 'supplement_notice', id: a.applicationId }), 'ILLEGAL_TRANSITION');

    clock.set('2026-11-25T03:00:00.000Z');
    const supplement = { items: [{ kind: 'material' as const, key: 'hukou', label: '户口簿复印件', problem: '缺少户主页，请补交。' }], note: null };
    feed(village, [
      decidedChange(decision(a, { decision: 'request_supplement', reason: null, supplement }, clock.now().toISOString()), 'needs_supplement', a.receiptNo),
      decidedChange(decision(b, { decision: 'reject', reason: REJECT_REASON, supplement: null }, clock.now().toISOString()), 'rejected', b.receiptNo),
    ]);

    const notice = await village.call('documents.render', { kind: 'supplement_notice', id: a.applicationId });
    assert.equal(notice.fileName, `一次性告知书-${a.receiptNo}.pdf`);
    const noticePath = await save(Buffer.from(notice.pdfBase64, 'base64'), 'api-supplement');
    const nt = await text(noticePath);
    assertHas(nt, ['一次性告知书', '王兆明', '户口簿复印件', '缺少户主页，请补交。', a.receiptNo, '2026年11月25日', '李春梅'], 'api supplement');
    assert.ok(!nt.includes(a.resident.idNumber), 'the full ID number must never be printed');
    assert.ok(nt.includes(`${a.resident.idNumber.slice(0, 6)}********${a.resident.idNumber.slice(-4)}`), 'masked ID');
    // This terminal was never enrolled: the notice's code names the receipt and goes unsigned.
    const [code] = await scan(noticePath, 'api-supplement');
    assert.deepEqual(parseReceiptCode(code ?? ''), {
      receiptNo: a.receiptNo,
      itemCode: a.itemCode,
      idDigits: `${a.resident.idNumber.slice(0, 6)}*${a.resident.idNumber.slice(-4)}`,
      signerNo: 1,
      signature: '',
    });

    // The wrong kind of notice for each decision is refused, in Chinese.
    const wrong = await refused(village.call('documents.render', { kind: 'result_notice', id: a.applicationId }), 'ILLEGAL_TRANSITION');
    assert.match(wrong.message, /退回补正/);
    await refused(village.call('documents.render', { kind: 'supplement_notice', id: b.applicationId }), 'ILLEGAL_TRANSITION');

    // Printing ("save as PDF") the rejection notice.
    const printed = await village.call('documents.print', { kind: 'result_notice', id: b.applicationId, printerId: 'pdf', copies: 1 });
    assert.equal(printed.printerId, 'pdf');
    const resultPath = await save(await readFile(printed.jobRef), 'api-result');
    assertHas(await text(resultPath), ['办理结果通知书', '不予通过', REJECT_REASON, REMEDIES, b.receiptNo], 'api result');

    // A reviewer cannot print a resident's notice.
    await village.call('session.logout', {});
    await village.call('session.login', { username: 'review01', password: 'Review2026' });
    await refused(village.call('documents.render', { kind: 'result_notice', id: b.applicationId }), 'FORBIDDEN');
  } finally {
    t.cleanup();
  }
});

test('StationApi: a township terminal prints its villages’ handover lists, but no notice for a resident', async () => {
  const clock = manualClock('2026-11-23T02:00:00.000Z');
  const t = await makeStation({ clock });
  const township = await localTownship({ clock });
  try {
    const a = await submittedOn(t.station);
    const list = await t.station.call('handover.create', {});
    const listed = lastOutbox<HandoverListed>(t.station, 'handover.listed').body;
    feed(township.station, [receivedChange(a), { kind: 'handover.listed', body: listed, divisionCode: listed.divisionCode }]);

    const rendered = await township.station.call('documents.render', { kind: 'handover', id: list.id });
    const path = await save(Buffer.from(rendered.pdfBase64, 'base64'), 'township-handover');
    // The township is the receiver; names come from its replica.
    assertHas(await text(path), [list.listNo, '360781102201', TOWNSHIP_POINT, '王兆明', '最低生活保障申请', '李春梅', '合计：申请1件'], 'township handover');
    assertHas(await rawText(path), [a.receiptNo], 'township handover (raw)');
    assert.deepEqual(await scan(path, 'township-handover', 300), [list.listNo]);

    await refused(township.station.call('documents.render', { kind: 'result_notice', id: a.applicationId }), 'FORBIDDEN');
  } finally {
    township.cleanup();
    t.cleanup();
  }
});
