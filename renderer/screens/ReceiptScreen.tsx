import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Radio, Result, Row, Select, Space, Spin } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import type { ApplicationDetail, PrinterView } from '../../core/api/views';
import { call, errorMessage } from '../api/client';
import { useNav } from '../app/nav';
import { base64ToBlob, downloadBlob } from '../lib/files';
import { showDateTime } from '../lib/time';

type Format = '80mm' | 'a4';

/** 受理回执: preview, printer and paper choice, 打印 / 补打, and 另存为PDF. */
export function ReceiptScreen({ applicationId }: { applicationId: string }) {
  const { go } = useNav();
  const { message } = App.useApp();
  const [app, setApp] = useState<ApplicationDetail | null>(null);
  const [printers, setPrinters] = useState<PrinterView[]>([]);
  const [printerId, setPrinterId] = useState<string | undefined>();
  const [format, setFormat] = useState<Format>('a4');
  const [preview, setPreview] = useState<{ url: string; fileName: string; blob: Blob } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const [printed, setPrinted] = useState<string | null>(null);

  useEffect(() => {
    call('applications.get', { id: applicationId }).then(setApp, (e) => setError(errorMessage(e)));
    call('printers.list', {}).then(
      (list) => {
        setPrinters(list);
        setPrinterId((list.find((p) => p.isDefault) ?? list[0])?.id);
      },
      (e) => setError(errorMessage(e)),
    );
  }, [applicationId]);

  useEffect(() => {
    let alive = true;
    let url: string | null = null;
    setPreview(null);
    call('receipts.render', { applicationId, format }).then(
      (r) => {
        if (!alive) return;
        const blob = base64ToBlob(r.pdfBase64, 'application/pdf');
        url = URL.createObjectURL(blob);
        setPreview({ url, fileName: r.fileName, blob });
      },
      (e) => alive && setError(errorMessage(e)),
    );
    return () => {
      alive = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [applicationId, format]);

  const alreadyPrinted = Boolean(printed) || Boolean(app?.events.some((e) => e.type === 'receipt_printed'));

  const print = async () => {
    if (!printerId) return;
    setPrinting(true);
    setError(null);
    try {
      const r = await call('receipts.print', { applicationId, format, printerId, copies: 1 });
      const where = printers.find((p) => p.id === r.printerId);
      const text =
        where?.kind === 'pdf' ? `回执已保存为PDF文件：${r.jobRef}` : `${r.reprint ? '补打的回执' : '回执'}已发送到打印机“${where?.name ?? r.printerId}”`;
      setPrinted(text);
      message.success(r.reprint ? '已补打回执' : '已打印回执');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPrinting(false);
    }
  };

  if (!app && error) return <Result status="error" title="无法打开回执" subTitle={error} />;
  if (!app) return <div className="screen"><Spin /> 正在准备回执…</div>;

  return (
    <div className="screen">
      <h1 className="screen-title">受理回执</h1>
      <Row gutter={16}>
        <Col span={9}>
          <Card size="small" title="已受理">
            <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
              <Descriptions.Item label="回执编号">
                <strong style={{ fontSize: 18 }} data-testid="receipt-no">{app.receiptNo}</strong>
              </Descriptions.Item>
              <Descriptions.Item label="申请人">{app.residentName}（{app.residentIdMasked}）</Descriptions.Item>
              <Descriptions.Item label="办理事项">{app.itemName}</Descriptions.Item>
              <Descriptions.Item label="受理时间">{showDateTime(app.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label="承诺办结">{app.dueDate ?? '—'} 前</Descriptions.Item>
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
            <div style={{ marginBottom: 12 }}>
              <label htmlFor="printer">打印机：</label>
              <Select
                id="printer"
                value={printerId}
                onChange={setPrinterId}
                showSearch={{ optionFilterProp: 'label' }}
                options={printers.map((p) => ({ value: p.id, label: p.name }))}
                style={{ width: 240 }}
                placeholder="请选择打印机"
              />
            </div>
            <Space wrap>
              <Button type="primary" size="large" icon={<PrinterOutlined />} onClick={print} loading={printing} disabled={!printerId} autoFocus>
                {alreadyPrinted ? '补打回执' : '打印回执'}
              </Button>
              <Button size="large" icon={<DownloadOutlined />} disabled={!preview} onClick={() => preview && downloadBlob(preview.blob, preview.fileName)}>
                另存为PDF
              </Button>
            </Space>
            {printed && <Alert type="success" showIcon title={printed} style={{ marginTop: 12, wordBreak: 'break-all' }} />}
            {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
          </Card>
          <Space style={{ marginTop: 12 }} wrap>
            <Button onClick={() => go({ name: 'residents' })}>受理下一位</Button>
            <Button onClick={() => go({ name: 'queue' })}>查看申请队列</Button>
            <Button onClick={() => go({ name: 'home' })}>返回首页</Button>
          </Space>
        </Col>
        <Col span={15}>
          <Card size="small" title="回执预览" styles={{ body: { padding: 8 } }}>
            {preview ? (
              <iframe className="receipt-frame" src={preview.url} title="回执预览" />
            ) : (
              <div className="receipt-frame" style={{ display: 'grid', placeItems: 'center' }}>
                <Spin />
              </div>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
