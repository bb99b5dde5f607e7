import { Alert, Button, Card, Col, Row, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import type { DocumentKind } from '../../core/api/schemas';
import { call } from '../api/client';
import { useNav, type Route } from '../app/nav';
import { PdfPreview } from './PdfPreview';
import { PrinterPicker, usePrinters } from './PrinterPicker';
import { usePrint } from './use-print';
import { SaveAsPdfButton } from './SaveAsPdfButton';
import { usePdf } from './use-pdf';

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

/** A printed document besides the receipt: preview, printer, 打印, 另存为PDF, and back to where it came from. */
export function DocumentScreen({ kind, id, back }: { kind: DocumentKind; id: string; back: Route }) {
  const { go } = useNav();
  const { pdf, error: renderError } = usePdf(() => call('documents.render', { kind, id }), [kind, id]);
  const { printers, printerId, setPrinterId, error: printersError } = usePrinters(kind);
  const title = DOCUMENT_TITLE[kind];

  const { action: printing, printed } = usePrint({
    title,
    printers,
    pdf,
    send: (printer) => call('documents.print', { kind, id, printerId: printer, copies: 1 }),
  });
  const print = () => void (printerId && printing.run(printerId));

  const shownError = printing.error ?? renderError ?? printersError;
  return (
    <div className="screen">
      <h1 className="screen-title">{title}</h1>
      <Row gutter={16}>
        <Col span={8}>
          <Card size="small" title="打印">
            <p style={{ marginTop: 0 }}>{DOCUMENT_HINT[kind]}</p>
            <PrinterPicker printers={printers} value={printerId} onChange={setPrinterId} />
            <Space wrap>
              <Button type="primary" size="large" icon={<PrinterOutlined />} onClick={print} loading={printing.busy} disabled={!printerId || !pdf} autoFocus>
                打印{title}
              </Button>
              <SaveAsPdfButton pdf={pdf} />
            </Space>
            {printed && <Alert type="success" showIcon title={printed} style={{ marginTop: 12, wordBreak: 'break-all' }} />}
            {shownError && <Alert type="error" showIcon title={shownError} style={{ marginTop: 12 }} />}
          </Card>
          <Button size="large" icon={<ArrowLeftOutlined />} style={{ marginTop: 12 }} onClick={() => go(back)}>
            返回
          </Button>
        </Col>
        <Col span={16}>
          <PdfPreview title={`${title}预览`} pdf={pdf} failed={Boolean(renderError)} />
        </Col>
      </Row>
    </div>
  );
}
