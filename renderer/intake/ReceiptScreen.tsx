import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Radio, Result, Row, Space, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { ApplicationDetail } from '../../core/api/views';
import { usePrintButtonFocus } from '../print/use-print-focus';
import { call, errorMessage } from '../api/client';
import { useNav } from '../app/nav';
import { showDateTime } from '../shared/time';
import { PdfPreview } from '../print/PdfPreview';
import { PrinterPicker, usePrinters } from '../print/PrinterPicker';
import { usePrint } from '../print/use-print';
import { SaveAsPdfButton } from '../print/SaveAsPdfButton';
import { usePdf } from '../print/use-pdf';
import { RatingLines } from '../ratings/RatingLines';

type Format = '80mm' | 'a4';

/** 受理回执: preview, printer and paper choice, 打印 / 补打, 另存为PDF, and the resident's rating once it is printed. */
export function ReceiptScreen({ applicationId }: { applicationId: string }) {
  const { go } = useNav();
  const [app, setApp] = useState<ApplicationDetail | null>(null);
  const { printers, printerId, setPrinterId, error: printersError } = usePrinters('receipt');
  const [format, setFormat] = useState<Format>('a4');
  // Rendered again after each print: from the second one on, the paper (and a saved PDF) says 补打.
  const [prints, setPrints] = useState(0);
  const { pdf: preview, error: renderError } = usePdf(() => call('receipts.render', { applicationId, format }), [applicationId, format, prints]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('applications.get', { id: applicationId }).then(setApp, (e) => setError(errorMessage(e)));
  }, [applicationId]);

  const { action: printing, printed } = usePrint({
    title: '回执',
    printers,
    pdf: preview,
    send: (printer) => call('receipts.print', { applicationId, format, printerId: printer, copies: 1 }),
    onPrinted: () => setPrints((n) => n + 1),
  });
  const print = () => void (printerId && printing.run(printerId));
  const alreadyPrinted = Boolean(printed) || Boolean(app?.events.some((e) => e.type === 'receipt_printed'));

  const { button: printButton, onPreviewLoad } = usePrintButtonFocus(Boolean(printerId && app), Boolean(renderError));

  const shownError = error ?? printing.error ?? renderError ?? printersError;
  if (!app && shownError) return <Result status="error" title="无法打开回执" subTitle={shownError} />;
  if (!app)
    return (
      <div className="screen">
        <Spin /> 正在准备回执…
      </div>
    );

  return (
    <div className="screen">
      <h1 className="screen-title">受理回执</h1>
      <Row gutter={16}>
        <Col span={9}>
          <Card size="small" title="已受理">
            <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
              <Descriptions.Item label="回执编号">
                <strong style={{ fontSize: 18 }} data-testid="receipt-no">
                  {app.receiptNo}
                </strong>
              </Descriptions.Item>
              <Descriptions.Item label="申请人">
                {app.residentName}（{app.residentIdMasked}）
              </Descriptions.Item>
              <Descriptions.Item label="办理事项">{app.itemName}</Descriptions.Item>
              <Descriptions.Item label="受理时间">{showDateTime(app.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label="承诺办结">{app.dueDate ?? '—'} 前</Descriptions.Item>
              <Descriptions.Item label="群众评价">
                {/* 一次一评: once the receipt is in the resident's hand, they are asked to rate the service. */}
                <RatingLines applicationId={app.id} stages={['receipt']} residentName={app.residentName} itemName={app.itemName} askNow={Boolean(printed)} />
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title="打印" style={{ marginTop: 12 }}>
            <div style={{ marginBottom: 8 }}>
              <span id="paper-label">纸张：</span>
              <Radio.Group
                aria-labelledby="paper-label"
                value={format}
                onChange={(e) => setFormat(e.target.value as Format)}
                options={[
                  { value: '80mm', label: '80毫米小票' },
                  { value: 'a4', label: 'A4纸' },
                ]}
              />
            </div>
            <PrinterPicker printers={printers} value={printerId} onChange={setPrinterId} />
            <Space wrap>
              <Button ref={printButton} type="primary" size="large" icon={<PrinterOutlined />} onClick={print} loading={printing.busy} disabled={!printerId}>
                {alreadyPrinted ? '补打回执' : '打印回执'}
              </Button>
              <SaveAsPdfButton pdf={preview} />
            </Space>
            {printed && <Alert type="success" showIcon title={printed} style={{ marginTop: 12, wordBreak: 'break-all' }} />}
            {shownError && <Alert type="error" showIcon title={shownError} style={{ marginTop: 12 }} />}
          </Card>
          <Space style={{ marginTop: 12 }} wrap>
            <Button onClick={() => go({ name: 'items', resident: { id: app.residentId, name: app.residentName, idNumberMasked: app.residentIdMasked } })}>
              同一居民办理其他事项
            </Button>
            <Button onClick={() => go({ name: 'residents' })}>受理下一位</Button>
            <Button onClick={() => go({ name: 'queue' })}>查看申请队列</Button>
            <Button onClick={() => go({ name: 'home' })}>返回首页</Button>
          </Space>
        </Col>
        <Col span={15}>
          <PdfPreview title="回执预览" pdf={preview} onLoad={onPreviewLoad} />
        </Col>
      </Row>
    </div>
  );
}
