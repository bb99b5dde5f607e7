import { useEffect, useState } from 'react';
import { Button, Card, Col, Descriptions, Result, Row, Space, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { ReviewDetailView } from '../../core/api/views';
import { call } from '../api/client';
import { useNav } from '../app/nav';
import { DecisionBody } from '../applications/DecisionCard';
import { MaterialsList } from '../applications/MaterialsList';
import { RouteCard } from '../applications/RouteCard';
import { StatusTag } from '../applications/StatusTag';
import { useLoad } from '../shared/use-load';
import { ReviewSummary } from '../form/ReviewSummary';
import { showDateTime } from '../shared/time';
import { UndoDecision, DecisionActions } from './DecisionActions';
import { SupplementChanges } from './SupplementChanges';
import { useCountyTerminal } from '../sync/sync-store';
import { DueCell, SupplementDueTag } from './DueCell';
import { ReviewEvents } from './ReviewEvents';
import { ScanViewer } from './ScanViewer';

/** One application in full for the reviewer: resident, form, materials, scans, history, decisions, actions. */
export function ReviewDetailScreen({ applicationId }: { applicationId: string }) {
  const { go } = useNav();
  const loaded = useLoad(() => call('review.get', { id: applicationId }), [applicationId]);
  const [app, setApp] = useState<ReviewDetailView | null>(null);
  useEffect(() => setApp(loaded.data), [loaded.data]);
  const county = useCountyTerminal();

  if (loaded.error && !app) {
    return (
      <Result status="error" title="无法打开该申请" subTitle={loaded.error} extra={<Button onClick={() => go({ name: 'review' })}>返回审核工作台</Button>} />
    );
  }
  if (!app)
    return (
      <div className="screen">
        <Spin /> 正在打开…
      </div>
    );
  const r = app.resident;

  return (
    <div className="screen">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} align="center">
        <h1 className="screen-title" style={{ margin: 0 }}>
          {app.itemName}　<StatusTag status={app.status} /> <SupplementDueTag item={app} />
        </h1>
        <Space>
          <DecisionActions app={app} county={county} onDecided={setApp} />
          <UndoDecision app={app} onUndone={setApp} />
          <Button size="large" icon={<ArrowLeftOutlined />} onClick={() => go({ name: 'review' })}>
            返回工作台
          </Button>
        </Space>
      </Space>
      <Row gutter={12}>
        <Col span={14}>
          <RouteCard route={app.route} />
          <SupplementChanges app={app} />
          <Card size="small" title="申请人与受理信息">
            <Descriptions column={2} size="small" styles={{ label: { width: 84 } }}>
              <Descriptions.Item label="申请人">
                {r.name}（{r.idMasked}）
              </Descriptions.Item>
              <Descriptions.Item label="性别">
                {r.gender === 'male' ? '男' : '女'}　{r.birthDate}出生
              </Descriptions.Item>
              <Descriptions.Item label="联系电话">{r.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="住址">{r.address ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="受理编号">{app.receiptNo}</Descriptions.Item>
              <Descriptions.Item label="村">{app.villageName ?? app.villageCode}</Descriptions.Item>
              <Descriptions.Item label="提交时间">{showDateTime(app.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label="代办员">{app.cadreName}</Descriptions.Item>
              <Descriptions.Item label="承诺办结">
                <DueCell item={app} />
              </Descriptions.Item>
              <Descriptions.Item label="告知期限">{app.supplementDueDate ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title="申请表" style={{ marginTop: 12 }}>
            <ReviewSummary item={app.item} values={app.form} materials={app.materials} scanCount={app.attachments.length} labelWidth={140} />
          </Card>
          <Card size="small" title="纸质材料清单" style={{ marginTop: 12 }}>
            <MaterialsList item={app.item} received={app.materials} />
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small" title={`扫描件（${app.attachments.length}页）`}>
            <ScanViewer applicationId={app.id} attachments={app.attachments} />
          </Card>
          {app.decisions.length > 0 && (
            <Card size="small" title="审核结果" style={{ marginTop: 12 }}>
              {[...app.decisions].reverse().map((d, i) => (
                <div key={d.id} style={{ borderTop: i > 0 ? '1px solid #f0f0f0' : undefined, paddingTop: i > 0 ? 8 : 0 }}>
                  <DecisionBody decision={d} ownTerminal />
                </div>
              ))}
            </Card>
          )}
          <Card size="small" title="办理记录" style={{ marginTop: 12 }}>
            <ReviewEvents events={app.events} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
