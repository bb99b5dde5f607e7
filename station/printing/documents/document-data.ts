/**
 * Everything printed on the documents of the township round trip (issue #5). Plain data: the renderers do
 * no lookups, and ID numbers arrive masked (first 6, last 4), so the full number never reaches paper.
 * Instants are UTC ISO 8601 and printed in Asia/Shanghai; dates 'YYYY-MM-DD' are printed as they are.
 */

export interface ServicePointInfo {
  /** The village service point, e.g. 某某村为民服务代办点. */
  name: string;
  divisionCode: string;
  phone?: string;
}

/** 交接清单: the paper materials of a batch of applications, carried from the village to the township. */
export interface HandoverDocumentData {
  listId: string;
  /** Printed large and as a Code 128 barcode, e.g. 360781102201-20261123-01-03. */
  listNo: string;
  servicePoint: ServicePointInfo;
  /** The receiving township (乡镇/街道) when known; otherwise the line is left for handwriting. */
  receiver?: string;
  /** When the list was made (UTC ISO 8601). */
  createdAt: string;
  /** The cadre who made the list and carries the paper. */
  cadre: { name: string };
  rows: HandoverRow[];
  /** The township's confirmation, once it came: printed so a later copy says what arrived. */
  confirmation?: { confirmedAt: string; reviewerName: string };
}

export interface HandoverRow {
  receiptNo: string;
  applicantName: string;
  itemName: string;
  /** The paper materials on the list: name and number of copies (份). */
  materials: { name: string; count: number }[];
  /** 备注, e.g. what the township found missing; empty leaves the cell for handwriting. */
  note?: string;
}

/** What the two notices to the resident have in common. */
export interface NoticeBase {
  applicationId: string;
  /** The QR code's text: the application's signed receipt code, as on its receipt. */
  code: string;
  receiptNo: string;
  servicePoint: ServicePointInfo;
  /** The reviewing organisation, e.g. 某某镇人民政府 (便民服务中心); a generic wording when unknown. */
  reviewOrg?: string;
  /** Multi-level items: the county body whose approval (县级审批) was the decision, and whether a notice (公示) preceded it. */
  county?: { agency: string; afterNotice: boolean };
  item: { name: string; department: string };
  /** idNumberMasked is already masked; the renderer masks again anything that still looks whole. */
  applicant: { name: string; idNumberMasked: string };
  /** Acceptance at the service point (UTC ISO 8601). */
  submittedAt: string;
  /** The reviewer's decision (UTC ISO 8601). */
  decidedAt: string;
  /** The cadre handing the notice to the resident. */
  cadre: { name: string };
  /** The day the notice is issued (UTC ISO 8601), printed under the stamp. */
  issuedAt: string;
}

/** 一次性告知书: every material or field to supplement, all at once (行政许可法 第三十二条). */
export interface SupplementNoticeData extends NoticeBase {
  items: { kind: 'material' | 'field'; label: string; problem: string }[];
  /** The reviewer's note to the resident, if any. */
  note?: string | null;
  /** Bring the supplement by this date ('YYYY-MM-DD'), when a limit was set. */
  supplementBy?: string;
}

/** 办理结果通知书: the application was approved or rejected. */
export interface ResultNoticeData extends NoticeBase {
  decision: 'approve' | 'reject';
  /** Required for a rejection: printed in full. */
  reason?: string | null;
}
