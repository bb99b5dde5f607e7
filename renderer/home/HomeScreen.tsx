import { Alert, Button, Card, Col, List, Row, Space, Statistic, Typography } from 'antd';
import { CloudOutlined, SolutionOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { call } from '../api/client';
import { useNav } from '../app/nav';
import { useSession } from '../app/session';
import { ApplicationList } from '../applications/ApplicationList';
import { useLoad } from '../shared/use-load';
import { useDecisionArrived } from '../village/decision-events';
import { useStationEvent } from '../shared/use-station-event';
import { SyncSummary } from '../sync/SyncSummary';
import { DecisionsCard } from '../village/DecisionsCard';

/** The day at a glance: what was taken today, what waits to go up, what is due or overdue. */
export function HomeScreen() {
  const { go } = useNav();
  const { user } = useSession();
  const stats = useLoad(() => call('stats.overview', {}), []);
  // The counts move when a decision arrives, like the list of decisions under them.
  useDecisionArrived(() => stats.reload());
  useStationEvent('application.moved', () => stats.reload());
  const s = stats.data;
  const drafts = s?.byStatus.draft ?? 0;

  return (
    <div className="screen">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} align="center">
        <h1 className="screen-title" style={{ margin: 0 }}>
          {user.displayName}，您好
          {s ? (
            <span className="muted" style={{ fontSize: 16, fontWeight: 'normal' }}>
              　今天是 {s.today}
            </span>
          ) : null}
        </h1>
        <Space>
          <Button type="primary" size="large" icon={<SolutionOutlined />} autoFocus onClick={() => go({ name: 'residents' })}>
            受理新申请
          </Button>
          <Button size="large" icon={<UnorderedListOutlined />} onClick={() => go({ name: 'queue' })}>
            申请队列
          </Button>
        </Space>
      </Space>
      {stats.error && <Alert type="error" showIcon title={stats.error} style={{ marginBottom: 12 }} />}
      <DecisionsCard />
      <Row gutter={12}>
        <Col span={5}>
          <Card size="small">
            <Statistic title="今日受理" value={s?.todayTotal ?? '—'} suffix="件" />
          </Card>
        </Col>
        <Col span={5}>
          <Card size="small">
            <Statistic title="待上报" value={s?.queueDepth ?? '—'} suffix="条" />
          </Card>
        </Col>
        <Col span={5}>
          <Card size="small">
            <Statistic title="未完成的草稿" value={drafts} suffix="份" />
          </Card>
        </Col>
        <Col span={9}>
          <Card
            size="small"
            title={
              <span>
                <CloudOutlined /> 网络与上报
              </span>
            }
            styles={{ body: { padding: '8px 12px' } }}
          >
            <SyncSummary queueDepth={s?.queueDepth} />
          </Card>
        </Col>
      </Row>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col span={8}>
          <Card size="small" title="今日受理（按事项）">
            <List
              size="small"
              dataSource={s?.todayByItem ?? []}
              locale={{ emptyText: '今天还没有受理申请' }}
              renderItem={(i) => (
                <List.Item extra={<Typography.Text strong>{i.count} 件</Typography.Text>}>
                  <Typography.Text ellipsis>{i.itemName}</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={`即将到期（${s?.dueSoon.length ?? 0}）`}>
            <ApplicationList items={s?.dueSoon ?? []} empty="没有即将到期的申请" showDue />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={<span style={{ color: (s?.overdue.length ?? 0) > 0 ? '#cf1322' : undefined }}>已超期（{s?.overdue.length ?? 0}）</span>}>
            <ApplicationList items={s?.overdue ?? []} empty="没有超期的申请" showDue />
          </Card>
        </Col>
      </Row>
      {drafts > 0 && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          title={`有 ${drafts} 份申请还没有填完，可在“申请队列”中找到并继续填写。`}
          action={
            <Button size="small" onClick={() => go({ name: 'queue' })}>
              去继续填写
            </Button>
          }
        />
      )}
    </div>
  );
}
