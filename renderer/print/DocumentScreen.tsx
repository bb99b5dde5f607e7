import type { DocumentKind } from '../../core/api/schemas';
import { call } from '../api/client';
import type { Route } from '../app/nav';
import { PrintScreen } from './PrintScreen';

export const DOCUMENT_TITLE: Record<DocumentKind, string> = {
  result_notice: '办理结果通知书',
  supplement_notice: '一次性告知书',
  handover: '交接清单',
  intake_notice: '一次性告知单',
};

const DOCUMENT_HINT: Record<DocumentKind, string> = {
  result_notice: '打印后交给申请人，并告诉他审核结果。',
  supplement_notice: '打印后交给申请人：上面一次列出了需要补正的全部内容，请申请人按单准备。',
  handover: '打印后随纸质材料一起送到乡镇便民服务中心，乡镇核对后在系统中确认。',
  intake_notice: '打印后交给申请人：上面一次列出了还缺的全部材料。申请内容已保存为草稿，带齐材料后在“申请队列”中继续办理。',
};

/** A document of the round trip (notices, handover list, the intake notice): the shared print screen. */
export function DocumentScreen({ kind, id, back }: { kind: DocumentKind; id: string; back: Route }) {
  return (
    <PrintScreen
      title={DOCUMENT_TITLE[kind]}
      hint={DOCUMENT_HINT[kind]}
      printerFor={kind}
      render={() => call('documents.render', { kind, id })}
      renderKey={[kind, id]}
      send={(printerId) => call('documents.print', { kind, id, printerId, copies: 1 })}
      back={back}
    />
  );
}
