import { formatCnDate, formatShanghaiDateTime } from '../pdf/cn-format';
import type { ReceiptData } from './receipt-data';

/**
 * The words of a 受理回执, shared by the 80 mm and the A4 layout so both say exactly the same thing.
 */
export interface ReceiptText {
  title: string;
  /** 补打 on a reprint, otherwise undefined. */
  reprintMark?: string;
  /** 补打时间 line on a reprint whose print time is known. */
  reprintLine?: string;
  servicePoint: string;
  divisionCode: string;
  receiptNo: string;
  itemName: string;
  itemCode: string;
  department: string;
  applicantName: string;
  idNumberMasked: string;
  applicantPhone?: string;
  materials: { no: number; name: string; form: string; count: string }[];
  acceptedAt: string;
  /** The acceptance day alone, 'YYYY年MM月DD日', under the stamp. */
  acceptedDate: string;
  promised: string;
  dueDate: string;
  cadre: string;
  applicationId: string;
  /** The QR code's text (the signed receipt code). */
  code: string;
  /** Short lines for the resident: keep the receipt, how to follow up. */
  notices: string[];
  /** PDF metadata title. */
  documentTitle: string;
}

export function receiptText(data: ReceiptData): ReceiptText {
  const followUp = data.servicePoint.phone ? `可凭受理编号到本代办点或拨打 ${data.servicePoint.phone} 查询办理进度。` : '可凭受理编号到本代办点查询办理进度。';
  return {
    title: '受理回执',
    reprintMark: data.reprint ? '补打' : undefined,
    reprintLine: data.reprint && data.printedAt ? `补打时间：${formatShanghaiDateTime(data.printedAt)}` : undefined,
    servicePoint: data.servicePoint.name,
    divisionCode: data.servicePoint.divisionCode,
    receiptNo: data.receiptNo,
    itemName: data.item.name,
    itemCode: data.item.code,
    department: data.item.department,
    applicantName: data.applicant.name,
    idNumberMasked: data.applicant.idNumberMasked,
    applicantPhone: data.applicant.phone,
    materials: data.materials.map((m, i) => ({ no: i + 1, name: m.name, form: m.formLabel, count: `${m.count}份` })),
    acceptedAt: formatShanghaiDateTime(data.acceptedAt),
    acceptedDate: formatShanghaiDateTime(data.acceptedAt).slice(0, '0000年00月00日'.length),
    promised: `${data.item.promisedDays}个工作日`,
    dueDate: formatCnDate(data.dueDate),
    cadre: data.cadre.name,
    applicationId: data.applicationId,
    code: data.code,
    notices: ['请妥善保管本回执，查询进度和领取办理结果时请出示。', followUp, '如需补正材料，代办员将一次性告知，请留意电话通知。'],
    documentTitle: `受理回执${data.reprint ? '（补打）' : ''} ${data.receiptNo} ${data.item.name}`,
  };
}
