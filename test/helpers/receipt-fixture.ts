import type { ReceiptData } from '../../station/printing/documents/receipt-data';

/** The full ID number behind the masked one: it must never appear on paper. */
export const FULL_ID_NUMBER = '11010519491231002X';

/**
 * A receipt code as long as a real one gets: a province's progress page with the signed code in its query
 * (the signature here is not a real one; the renderer only draws the text).
 */
export const SAMPLE_RECEIPT_CODE = `https://zwfw.jiangxi.gov.cn/daiban/progress?daiban=DBR1:360781102201-20261123-01-0007:MZ-0001:360781*002X:01:${'Kq3'.repeat(28)}Zw`;

/** A realistic 受理回执: 最低生活保障申请 with four materials and a long service-point name. */
export function sampleReceipt(overrides: Partial<ReceiptData> = {}): ReceiptData {
  return {
    receiptNo: '110105001001-20250304-0007',
    applicationId: '01956a7c-3b2e-7d41-9c0a-5f1e2d3c4b5a',
    code: SAMPLE_RECEIPT_CODE,
    servicePoint: {
      name: '北京市朝阳区麦子店街道枣营北里社区村为民服务全程代办点（第二服务窗口）',
      divisionCode: '110105001001',
      phone: '010-6501 2345',
    },
    item: { code: '110105-MZ-0012', name: '最低生活保障申请', department: '朝阳区民政局', promisedDays: 10 },
    applicant: { name: '王秀兰', idNumberMasked: '110105********002X', phone: '13812345678' },
    materials: [
      { name: '户口簿', formLabel: '原件及复印件', count: 1 },
      { name: '居民身份证', formLabel: '复印件', count: 2 },
      { name: '家庭收入及财产状况声明（含共同生活家庭成员）', formLabel: '原件', count: 1 },
      { name: '最低生活保障申请书', formLabel: '原件', count: 1 },
    ],
    acceptedAt: '2025-03-04T02:35:00Z',
    dueDate: '2025-03-18',
    cadre: { name: '李建国' },
    ...overrides,
  };
}
