import { useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Space, type InputRef } from 'antd';
import type { ReceiptCheckView } from '../../core/api/views';
import { call } from '../api/client';
import { useNav } from '../app/nav';
import { StatusTag } from '../applications/StatusTag';
import { useAction } from '../shared/use-action';

const VERDICT_TYPE: Record<ReceiptCheckView['verdict'], 'success' | 'error' | 'warning'> = {
  genuine: 'success',
  forged: 'error',
  unsigned: 'warning',
  unknown_terminal: 'warning',
};

/**
 * 核验回执: a USB scanner types the QR code of a paper receipt or notice into the box and presses Enter; the
 * signature is checked here, offline, and the box is cleared for the next paper. Typing by hand works the same.
 */
export function ReceiptCheckScreen() {
  const { go } = useNav();
  const [text, setText] = useState('');
  const [result, setResult] = useState<ReceiptCheckView | null>(null);
  const box = useRef<InputRef>(null);
  const check = useAction(async (scanned: string) => {
    setResult(null);
    setResult(await call('receipts.verify', { scanned }));
    setText('');
  });
  const submit = () => {
    if (text.trim() === '') return check.fail('请用扫码枪扫描回执或通知书右上角的二维码');
    void check.run(text).then(() => box.current?.focus());
  };

  return (
    <div className="screen" style={{ maxWidth: 900 }}>
      <h1 className="screen-title">核验回执</h1>
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input
          ref={box}
          autoFocus
          size="large"
          aria-label="扫码内容"
          placeholder="用扫码枪扫描回执或通知书上的二维码，扫完自动核验"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={submit}
          maxLength={600}
        />
        <Button size="large" type="primary" loading={check.busy} onClick={submit}>
          核验
        </Button>
      </Space.Compact>
      {check.error && <Alert type="error" showIcon title={check.error} style={{ marginBottom: 12 }} />}
      {result && <CheckResult result={result} onOpen={(id) => go({ name: 'review-detail', applicationId: id })} />}
      {!result && !check.error && (
        <Alert
          type="info"
          showIcon
          title="村代办点打印的回执和通知书上，二维码带有开具终端的数字签名。扫码即可判断纸质回执是否真实、内容是否被改动，不需要联网。"
        />
      )}
    </div>
  );
}

function CheckResult({ result: r, onOpen }: { result: ReceiptCheckView; onOpen(id: string): void }) {
  const app = r.application;
  return (
    <Card>
      <Alert type={VERDICT_TYPE[r.verdict]} showIcon title={r.verdictLabel} style={{ marginBottom: 16, fontSize: 16 }} />
      <Descriptions column={2} size="small" bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label="受理编号" span={2}>
          {r.receiptNo}
        </Descriptions.Item>
        <Descriptions.Item label="受理日期">{r.acceptedOn}</Descriptions.Item>
        <Descriptions.Item label="开具终端">
          {r.signer.servicePointName ?? `区划 ${r.villageCode}`}（{String(r.signer.terminalNo).padStart(2, '0')}号终端）
        </Descriptions.Item>
        <Descriptions.Item label="事项">{r.item.name ?? r.item.code}</Descriptions.Item>
        <Descriptions.Item label="身份证号">{r.idNumberMasked}</Descriptions.Item>
        <Descriptions.Item label="本机记录" span={2}>
          {app ? (
            <Space wrap>
              <span>申请人 {app.applicantName}</span>
              <StatusTag status={app.status} />
              {!app.matchesCode && <span style={{ color: '#cf1322' }}>二维码中的事项或身份证号与本机记录不一致</span>}
              <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(app.id)}>
                打开这件申请
              </Button>
            </Space>
          ) : (
            '本机还没有这件申请（村里可能尚未同步）；请以纸质回执上的内容为准。'
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
