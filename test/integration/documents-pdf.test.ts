import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HandoverDocumentData, NoticeBase, ResultNoticeData, SupplementNoticeData } from '../../station/printing/documents/document-data';
import { renderHandoverPdf } from '../../station/printing/documents/handover-list';
import { renderResultNoticePdf } from '../../station/printing/documents/result-notice';
import { renderSupplementNoticePdf } from '../../station/printing/documents/supplement-notice';
import { paperReader, assertHas, REJECT_REASON, REMEDIES, squash } from '../helpers/paper';
import { assertSubsetFonts } from '../helpers/pdf-fonts';
import { SAMPLE_RECEIPT_CODE } from '../helpers/receipt-fixture';
import { runTool } from '../helpers/system-tools';

// The 交接清单, 一次性告知书 and 办理结果通知书 as PDFs, read back with poppler and zbar the way a person and a
// scanner would read the paper. Rendered and printed through the StationApi: documents-station.test.ts.

const { save, text, rawText, pageCount, scan } = paperReader();

/* ---------- fixtures ---------- */

const FULL_ID_NUMBER = '36078119560312002X';
const MASKED_ID = '360781********002X';
const APPLICATION_ID = '01956a7c-3b2e-7d41-9c0a-5f1e2d3c4b5a';
const LIST_NO = '360781102201-20261123-01-03';
const POINT = { name: '江西省瑞金市叶坪乡华屋村党群服务中心为民服务代办点', divisionCode: '360781102201', phone: '0797-2521234' };

function handoverFixture(rows: number): HandoverDocumentData {
  return {
    listId: '0195a000-0000-7000-8000-000000000001',
    listNo: LIST_NO,
    servicePoint: POINT,
    createdAt: '2026-11-23T01:20:00Z',
    cadre: { name: '华春生' },
    rows: Array.from({ length: rows }, (_, i) => ({
      receiptNo: `360781102201-20261123-01-${String(i + 1).padStart(4, '0')}`,
      applicantName: ['欧阳秀英', '华建国', '杨小燕'][i % 3]!,
      itemName: i % 2 ? '最低生活保障申请' : '城乡居民基本养老保险参保登记',
      materials: [{ name: '户口簿复印件', count: 1 }, { name: '居民身份证复印件', count: 2 }, ...(i % 2 ? [{ name: '家庭收入及财产状况声明', count: 1 }] : [])],
      ...(i === 1 ? { note: '未收到：户口簿复印件' } : {}),
    })),
  };
}

const noticeBase: NoticeBase = {
  applicationId: APPLICATION_ID,
  code: SAMPLE_RECEIPT_CODE,
  receiptNo: '360781102201-20261123-01-0007',
  servicePoint: POINT,
  reviewOrg: '瑞金市叶坪乡人民政府',
  item: { name: '最低生活保障申请', department: '瑞金市民政局' },
  applicant: { name: '王秀兰', idNumberMasked: MASKED_ID },
  submittedAt: '2026-11-23T02:35:00Z',
  decidedAt: '2026-11-25T07:10:00Z',
  cadre: { name: '华春生' },
  issuedAt: '2026-11-26T01:00:00Z',
};

function supplementFixture(overrides: Partial<SupplementNoticeData> = {}): SupplementNoticeData {
  return {
    ...noticeBase,
    items: [
      { kind: 'material', label: '户口簿复印件', problem: '缺少户主页和本人页，请补交户口簿首页、户主页及申请人本人页的复印件。' },
      { kind: 'material', label: '家庭收入及财产状况声明', problem: '未由全部共同生活的家庭成员签字，请每位成年家庭成员本人签字后重新提交。' },
      { kind: 'field', label: '家庭月收入', problem: '填写的金额与银行流水不一致，请核实后更正。' },
    ],
    note: '银行流水需加盖银行业务章。',
    ...overrides,
  };
}

const resultFixture = (decision: 'approve' | 'reject'): ResultNoticeData => ({
  ...noticeBase,
  decision,
  reason: decision === 'reject' ? REJECT_REASON : null,
});

/* ---------- 交接清单 ---------- */

test('handover list shows the service point, every row, totals and signature lines, on one A4 page', async () => {
  const path = await save(await renderHandoverPdf(handoverFixture(5)), 'handover-5');
  assert.equal(await pageCount(path), 1);
  assert.match((await runTool('pdfinfo', [path])).stdout, /Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/);
  const t = await text(path);
  assertHas(
    t,
    [
      '交接清单',
      `清单编号：${LIST_NO}`,
      POINT.name,
      '360781102201',
      '2026年11月23日 09:20', // 01:20Z in Asia/Shanghai
      '华春生',
      '序号',
      '受理编号',
      '申请人',
      '事项',
      '纸质材料',
      '备注',
      '欧阳秀英',
      '杨小燕',
      '户口簿复印件 × 1',
      '居民身份证复印件 × 2',
      '家庭收入及财产状况声明 × 1',
      '合计：申请5件，纸质材料17份。',
      '移交人（代办员）：',
      '接收人（乡镇）：',
      '日期：',
      '第 1 页 共 1 页',
    ],
    'handover',
  );
  assertHas(
    await rawText(path),
    ['360781102201-20261123-01-0001', '360781102201-20261123-01-0005', '城乡居民基本养老保险参保登记', '未收到：户口簿复印件'],
    'handover (raw)',
  );
  await assertSubsetFonts(path);
  assert.match((await runTool('pdfinfo', [path])).stdout, /Title:\s+交接清单 360781102201-20261123-01-03/);
});

test('handover barcode (Code 128) scans to the list number', async () => {
  const path = await save(await renderHandoverPdf(handoverFixture(3)), 'handover-barcode');
  assert.deepEqual(await scan(path, 'handover-barcode', 300), [LIST_NO]);
  // An ordinary office scan resolution reads it too.
  assert.deepEqual(await scan(path, 'handover-barcode-150', 150), [LIST_NO]);
});

test('a 60-row handover list paginates with the table head and the list number on every page', async () => {
  const path = await save(await renderHandoverPdf(handoverFixture(60)), 'handover-60');
  const pages = await pageCount(path);
  assert.ok(pages >= 3 && pages <= 8, `pages: ${pages}`);
  let all = '';
  for (let p = 1; p <= pages; p++) {
    const t = await text(path, p);
    assertHas(t, ['序号', '受理编号', '申请人', '事项', '纸质材料', '备注', LIST_NO, `第 ${p} 页 共 ${pages} 页`], `page ${p}`);
    if (p > 1) assert.ok(t.includes('交接清单（续页）'), `page ${p} lacks the continuation header`);
    all += t;
  }
  // Every row exactly once (a row never splits or repeats), in order.
  all = await rawText(path);
  let last = -1;
  for (let i = 1; i <= 60; i++) {
    const no = `360781102201-20261123-01-${String(i).padStart(4, '0')}`;
    const at = all.indexOf(no);
    assert.ok(at > last, `row ${i} missing or out of order`);
    assert.equal(all.indexOf(no, at + 1), -1, `row ${i} printed twice`);
    last = at;
  }
  const lastPage = await text(path, pages);
  assertHas(lastPage, ['合计：申请60件，纸质材料210份。', '移交人（代办员）：', '接收人（乡镇）：'], 'last page');
  // The barcode is on page 1.
  assert.deepEqual(await scan(path, 'handover-60', 300), [LIST_NO]);
});

test('a confirmed list says who confirmed it and when', async () => {
  const data = { ...handoverFixture(2), receiver: '瑞金市叶坪乡便民服务中心', confirmation: { confirmedAt: '2026-11-24T06:00:00Z', reviewerName: '刘晓梅' } };
  const t = await text(await save(await renderHandoverPdf(data), 'handover-confirmed'));
  assertHas(t, ['瑞金市叶坪乡便民服务中心', '刘晓梅已于2026年11月24日 14:00确认接收'], 'confirmed');
});

/* ---------- 一次性告知书 ---------- */

test('supplement notice lists every item once and for all, with the masked ID and never the full one', async () => {
  const data = supplementFixture();
  const path = await save(await renderSupplementNoticePdf(data), 'supplement');
  assert.equal(await pageCount(path), 1, 'a typical notice is one sheet');
  const t = await text(path);
  assertHas(
    t,
    [
      '一次性告知书',
      '王秀兰：',
      MASKED_ID,
      '最低生活保障申请',
      '受理编号：360781102201-20261123-01-0007',
      '2026年11月23日', // accepted
      '2026年11月25日', // decided (15:10 in Shanghai)
      '瑞金市叶坪乡人民政府',
      '依据《中华人民共和国行政许可法》第三十二条的规定',
      '一次性告知如下',
      '共3项',
      '银行流水需加盖银行业务章。',
      '以上3项即为本次申请需要补正的全部内容，本告知书一次性告知',
      '补正地点',
      POINT.name,
      '0797-2521234',
      '补正时间',
      '受理代办点（盖章）',
      '申请人签收：',
      '2026年11月26日', // issued
    ],
    'supplement notice',
  );
  // Every item, numbered, with its problem in full (raw order: a wrapped cell comes out whole).
  const raw = await rawText(path);
  data.items.forEach((it, i) => {
    assert.ok(raw.includes(squash(`${i + 1}${it.label}`)), `item ${i + 1} numbered: ${it.label}\n${raw}`);
    assert.ok(raw.includes(squash(it.problem)), `item ${i + 1} problem: ${it.problem}\n${raw}`);
  });
  assert.ok(!t.includes(FULL_ID_NUMBER), 'the full ID number must never be printed');
  assert.deepEqual(await scan(path, 'supplement'), [SAMPLE_RECEIPT_CODE]);
  await assertSubsetFonts(path);
});

test('a whole ID number handed to the renderer by mistake is still masked on paper', async () => {
  const data = supplementFixture({ applicant: { name: '王秀兰', idNumberMasked: FULL_ID_NUMBER } });
  const t = await text(await save(await renderSupplementNoticePdf(data), 'supplement-full-id'));
  assert.ok(t.includes(MASKED_ID), t);
  assert.ok(!t.includes(FULL_ID_NUMBER), 'the full ID number must never be printed');
});

test('a supplement notice with 50 items (the most a decision may list) repeats the table head on each page', async () => {
  const items = Array.from({ length: 50 }, (_, i) => ({
    kind: 'material' as const,
    label: `证明材料第${i + 1}项`,
    problem: `第${i + 1}项材料缺少村委会盖章，请补盖公章后重新提交。`,
  }));
  const data = supplementFixture({ items, supplementBy: '2026-12-04' });
  const path = await save(await renderSupplementNoticePdf(data), 'supplement-50');
  const pages = await pageCount(path);
  assert.ok(pages >= 2, `pages: ${pages}`);
  let all = '';
  for (let p = 1; p <= pages; p++) {
    const t = await text(path, p);
    if (p > 1) assertHas(t, ['一次性告知书（续页）', '360781102201-20261123-01-0007'], `page ${p}`);
    // Every page the list runs onto starts it with the head row again.
    if (t.includes('材料缺少村委会盖章')) assertHas(t, ['序号', '需补正的材料或信息', '存在的问题及补正要求'], `page ${p} head`);
    all += t;
  }
  const raw = await rawText(path);
  for (let i = 1; i <= 50; i++) assert.ok(raw.includes(`第${i}项材料缺少村委会盖章`), `item ${i}`);
  assertHas(all, ['共50项', '请于2026年12月04日前', '申请人签收：'], 'long notice');
});

/* ---------- 办理结果通知书 ---------- */

test('result notice (approved) says so, with the item, dates, township and QR code', async () => {
  const path = await save(await renderResultNoticePdf(resultFixture('approve')), 'result-approve');
  assert.equal(await pageCount(path), 1);
  const t = await text(path);
  assertHas(
    t,
    [
      '办理结果通知书',
      '予以通过',
      '决定予以通过',
      '王秀兰',
      MASKED_ID,
      '最低生活保障申请',
      '360781102201-20261123-01-0007',
      '2026年11月25日',
      '瑞金市叶坪乡人民政府',
      '瑞金市民政局',
      POINT.name,
      '受理代办点（盖章）',
    ],
    'approval',
  );
  assert.ok(!t.includes('不予通过'), 'an approval does not mention rejection');
  assert.ok(!t.includes('行政复议'), 'remedies are for a rejection');
  assert.ok(!t.includes(FULL_ID_NUMBER));
  assert.deepEqual(await scan(path, 'result-approve'), [SAMPLE_RECEIPT_CODE]);
});

test('result notice (rejected) gives the reason in full and the resident’s remedies', async () => {
  const path = await save(await renderResultNoticePdf(resultFixture('reject')), 'result-reject');
  assert.equal(await pageCount(path), 1);
  const t = await text(path);
  assertHas(t, ['办理结果通知书', '不予通过', '决定不予通过。理由如下', REJECT_REASON, REMEDIES, '瑞金市叶坪乡人民政府', MASKED_ID], 'rejection');
  assert.ok(!t.includes(FULL_ID_NUMBER));
  assert.deepEqual(await scan(path, 'result-reject'), [SAMPLE_RECEIPT_CODE]);
  assert.match((await runTool('pdfinfo', [path])).stdout, /Title:\s+办理结果通知书 360781102201-20261123-01-0007 最低生活保障申请/);
});

/* ---------- through the StationApi ---------- */
