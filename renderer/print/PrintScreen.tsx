import { Alert, Button, Card, Col, Row, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNav, type Route } from '../app/nav';
import { PdfPreview } from './PdfPreview';
import { PrinterPicker, usePrinters, type PrintedDocument } from './PrinterPicker';
import { usePrint, type PrintOutcome } from './use-print';
import { SaveAsPdfButton } from './SaveAsPdfButton';
import { usePdf } from './use-pdf';
import { usePrintButtonFocus } from './use-print-focus';

export interface PrintScreenProps {
  title: string;
  /** What to do with the paper, one sentence above the printer. */
  hint: string;
  /** Which document's printer is remembered. */
  printerFor: PrintedDocument;
  render(): Promise<{ fileName: string; pdfBase64: string }>;
  /** What the preview depends on: it renders again when one changes. */
  renderKey: unknown[];
  send(printerId: string): Promise<PrintOutcome>;
  back: Route;
}

/** A printed document besides the receipt: preview, printer, 打印, 另存为PDF, and back to where it came from. */
export function PrintScreen(p: PrintScreenProps) {
  const { go } = useNav();
  const { pdf, error: renderError } = usePdf(p.render, p.renderKey);
  const { printers, printerId, setPrinterId, error: printersError } = usePrinters(p.printerFor);
  const { action: printing, printed } = usePrint({ title: p.title, printers, pdf, send: p.send });
  const print = () => void (printerId && printing.run(printerId));
  const { button: printButton, onPreviewLoad } = usePrintButtonFocus(Boolean(printerId), Boolean(renderError));
  const shownError = printing.error ?? renderError ?? printersError;
  return (
    <div className="screen">
      <h1 className="screen-title">{p.title}</h1>
      <Row gutter={16}>
        <Col span={8}>
          <Card size="small" title="打印">
            <p style={{ marginTop: 0 }}>{p.hint}</p>
            <PrinterPicker printers={printers} value={printerId} onChange={setPrinterId} />
            <Space wrap>
              <Button
                ref={printButton}
                type="primary"
                size="large"
                icon={<PrinterOutlined />}
                onClick={print}
                loading={printing.busy}
                disabled={!printerId || !pdf}
              >
                打印{p.title}
              </Button>
              <SaveAsPdfButton pdf={pdf} />
            </Space>
            {printed && <Alert type="success" showIcon title={printed} style={{ marginTop: 12, wordBreak: 'break-all' }} />}
            {shownError && <Alert type="error" showIcon title={shownError} style={{ marginTop: 12 }} />}
          </Card>
          <Button size="large" icon={<ArrowLeftOutlined />} style={{ marginTop: 12 }} onClick={() => go(p.back)}>
            返回
          </Button>
        </Col>
        <Col span={16}>
          <PdfPreview title={`${p.title}预览`} pdf={pdf} failed={Boolean(renderError)} onLoad={onPreviewLoad} />
        </Col>
      </Row>
    </div>
  );
}
