import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Timeline } from 'antd';
import type { ApplicationEventView } from '../../core/api/views';
import { canTransition, STATUS_LABEL } from '../../core/lifecycle';
import { call } from '../api/client';
import { useNav } from '../app/nav';
import { MaterialsList } from './MaterialsList';
import { StatusTag } from './StatusTag';
import { RouteCard } from './RouteCard';
import { useLoad } from '../shared/use-load';
import { ScanThumb } from '../form/ScanThumb';
import { FormSummary } from '../form/ReviewSummary';
import { DecisionBody } from './DecisionCard';
import { decisionOf } from '../village/decision';
import { useDecisionArrived } from '../village/decision-events';
import { useStationEvent } from '../shared/use-station-event';
import { CompleteButton } from '../village/CompleteButton';
import { showDateTime } from '../shared/time';
import { ReasonDialog } from '../shared/ReasonDialog';
import { RatingLines } from '../ratings/RatingLines';
import { canRateResult } from '../../core/ratings/model';

const EVENT_LABEL: Record<string, string> = {
  created: '创建草稿',
  submit: '提交受理',
  withdraw: '撤回申请',
  attachment_added: '添加扫描件',
  receipt_printed: '打印受理回执',
  receipt_reprinted: '补打受理回执',
  acknowledge: '省级平台已接收',
  approve: '乡镇审核通过',
  publicize: '乡镇审核通过，进入公示',
  refer: '乡镇审核通过，报县级审批',
  notice_ended: '公示期满，报县级审批',
  county_approve: '县级审批：批准',
  county_reject: '县级审批：不予批准',
  reject: '乡镇不予通过',
  request_supplement: '乡镇退回补正',
  supplement: '登记补正材料',
  complete: '已告知申请人，办结',
  handover_listed: '列入交接清单',
  rated: '群众评价',
};

function eventTitle(e: ApplicationEventView): string {
  const base = EVENT_LABEL[e.type] ?? (e.toStatus ? `状态变为“${STATUS_LABEL[e.toStatus]}”` : e.type);
  return base;
}

/** One application: its status, history, materials and scans, and what can still be done with it. */
export function DetailScreen({ applicationId }: { applicationId: string }) {
  const { go } = useNav();
  const { message } = App.useApp();
  const app = useLoad(() => call('applications.get', { id: applicationId }), [applicationId]);
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  useDecisionArrived((d) => d.applicationId === applicationId && app.reload());
  useStationEvent('application.moved', (e) => e.applicationId === applicationId && app.reload());

  if (app.error && !app.data) return <Result status="error" title="无法打开该申请" subTitle={app.error} />;
  const a = app.data;
  if (!a)
    return (
      <div className="screen">
        <Spin /> 正在打开…
      </div>
    );

  const decision = decisionOf(a);
  const back = { name: 'detail', applicationId: a.id } as const;
  const withdraw = async (reason: string) => {
    await call('applications.withdraw', { id: a.id, reason });
    message.success('申请已撤回');
    setWithdrawOpen(false);
    app.reload();
  };

  return (
    <div className="screen">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <h1 className="screen-title" style={{ margin: 0 }}>
          {a.itemName} <StatusTag status={a.status} />
        </h1>
        <Space>
          {a.status === 'draft' && (
            <Button type="primary" size="large" autoFocus onClick={() => go({ name: 'form', applicationId: a.id })}>
              继续填写
            </Button>
          )}
          {a.status === 'needs_supplement' && (
            <>
              <Button type="primary" size="large" autoFocus onClick={() => go({ name: 'supplement', applicationId: a.id })}>
                登记补正
              </Button>
              <Button size="large" onClick={() => go({ name: 'document', kind: 'supplement_notice', id: a.id, back })}>
                打印一次性告知书
              </Button>
            </>
          )}
          {decision && decision.decision !== 'request_supplement' && ['approved', 'rejected', 'completed'].includes(a.status) && (
            <Button
              size="large"
              type={a.status === 'completed' ? 'default' : 'primary'}
              onClick={() => go({ name: 'document', kind: 'result_notice', id: a.id, back })}
            >
              打印结果通知书
            </Button>
          )}
          {(a.status === 'approved' || a.status === 'rejected') && <CompleteButton application={a} onDone={app.reload} />}
          {a.receiptNo && (
            <Button size="large" onClick={() => go({ name: 'receipt', applicationId: a.id })}>
              打印回执
            </Button>
          )}
          {canTransition(a.status, 'withdraw') && (
            <Button size="large" danger onClick={() => setWithdrawOpen(true)}>
              撤回
            </Button>
          )}
          <Button size="large" onClick={() => go({ name: 'queue' })}>
            返回队列
          </Button>
        </Space>
      </Space>
      <Row gutter={16}>
        <Col span={15}>
          {a.status !== 'draft' && <RouteCard route={a.route} />}
          {decision && (
            <Card
              size="small"
              title={decision.step === 'county' ? '县级审批结果' : '乡镇审核结果'}
              style={{ marginBottom: 12, borderColor: a.status === 'needs_supplement' ? '#ffd591' : undefined }}
            >
              <DecisionBody decision={decision} />
            </Card>
          )}
          <Card size="small" title="基本信息">
            <Descriptions column={2} size="small">
              <Descriptions.Item label="申请人">
                {a.residentName}（{a.residentIdMasked}）
              </Descriptions.Item>
              <Descriptions.Item label="回执编号">{a.receiptNo ?? '（未提交）'}</Descriptions.Item>
              <Descriptions.Item label="受理时间">{showDateTime(a.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label="承诺办结">
                {a.dueDate ?? '—'}
                {a.status === 'needs_supplement' ? <span className="muted">（补正期间暂停计时，补齐后顺延）</span> : null}
              </Descriptions.Item>
              <Descriptions.Item label="事项编码">
                {a.itemCode}（目录版本 {a.catalogVersion}）
              </Descriptions.Item>
              <Descriptions.Item label="最后更新">{showDateTime(a.updatedAt)}</Descriptions.Item>
              {a.receiptNo && (
                <Descriptions.Item label="群众评价" span={2}>
                  <RatingLines
                    applicationId={a.id}
                    stages={canRateResult(a.status) ? ['receipt', 'result'] : ['receipt']}
                    residentName={a.residentName}
                    itemName={a.itemName}
                    onRated={app.reload}
                  />
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card size="small" title="申请表" style={{ marginTop: 12 }}>
            <FormSummary item={a.item} values={a.form} labelWidth={150} />
          </Card>
          <Card size="small" title="纸质材料" style={{ marginTop: 12 }}>
            <MaterialsList item={a.item} received={a.materials} />
          </Card>
          <Card size="small" title={`扫描件（${a.attachments.length}页）`} style={{ marginTop: 12 }}>
            {a.attachments.length === 0 ? (
              <span className="muted">没有扫描件</span>
            ) : (
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                {a.attachments.map((x) => (
                  <ScanThumb key={x.id} attachment={x} />
                ))}
              </div>
            )}
          </Card>
        </Col>
        <Col span={9}>
          <Card size="small" title="办理记录">
            <Timeline
              items={[...a.events].reverse().map((e) => ({
                key: e.id,
                color: e.type === 'withdraw' ? 'red' : e.type === 'submit' ? 'green' : 'blue',
                title: showDateTime(e.at),
                content: (
                  <div>
                    <div>
                      {eventTitle(e)}　<span className="muted">{e.actorName}</span>
                    </div>
                    {e.note ? (
                      <div className="muted" style={{ fontSize: 14 }}>
                        {e.type === 'withdraw' ? `原因：${e.note}` : e.note}
                      </div>
                    ) : null}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <ReasonDialog
        open={withdrawOpen}
        title="撤回申请"
        prompt="撤回后该申请不再办理，记录会保留。请填写撤回原因："
        label="撤回原因"
        okText="确认撤回"
        tooShort="请填写撤回原因（至少2个字）"
        maxLength={200}
        onSubmit={withdraw}
        onCancel={() => setWithdrawOpen(false)}
      />
    </div>
  );
}
