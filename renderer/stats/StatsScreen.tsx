import { useState } from 'react';
import { Alert, Card, Col, DatePicker, Row, Space, Statistic, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { StatsReport } from '../../core/api/views';
import { APPLICATION_STATUSES, STATUS_LABEL } from '../../core/lifecycle';
import { call } from '../api/client';
import { useNav } from '../app/nav';
import { useSession } from '../app/session';
import { useLoad } from '../shared/use-load';
import { BarList } from './BarList';

const STATUS_BAR_COLOR: Partial<Record<string, string>> = {
  needs_supplement: '#fa8c16',
  approved: '#52c41a',
  rejected: '#ff4d4f',
  completed: '#389e0d',
  withdrawn: '#bfbfbf',
  draft: '#bfbfbf',
};

type Range = [Dayjs, Dayjs] | null;

/** 统计: counts by item, status and village, average handling time in working days, the overdue list. */
export function StatsScreen() {
  const { go } = useNav();
  const { user } = useSession();
  const [range, setRange] = useState<Range>(null);
  const from = range?.[0].format('YYYY-MM-DD');
  const to = range?.[1].format('YYYY-MM-DD');
  const report = useLoad(() => call('stats.report', { ...(from ? { from } : {}), ...(to ? { to } : {}) }), [from, to]);
  const r: StatsReport | null = report.data;
  const open = (id: string) => go(user.role === 'reviewer' ? { name: 'review-detail', applicationId: id } : { name: 'detail', applicationId: id });

  return (
    <div className="screen">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} align="center">
        <h1 className="screen-title" style={{ margin: 0 }}>
          统计
          {r ? (
            <span className="muted" style={{ fontSize: 16, fontWeight: 'normal', marginLeft: 12 }}>
              {r.from} 至 {r.to}
            </span>
          ) : null}
        </h1>
        <Space>
          <span>统计期间：</span>
          <DatePicker.RangePicker
            aria-label="统计期间"
            value={range}
            onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
            presets={[
              { label: '本月', value: [dayjs().startOf('month'), dayjs()] },
              { label: '近30天', value: [dayjs().subtract(29, 'day'), dayjs()] },
              { label: '今年', value: [dayjs().startOf('year'), dayjs()] },
            ]}
            allowClear
          />
        </Space>
      </Space>
      {report.error && <Alert type="error" showIcon title={report.error} style={{ marginBottom: 12 }} />}
      <Row gutter={12}>
        <Col span={8}>
          <Card size="small">
            <Statistic title="申请总数" value={r?.total ?? '—'} suffix="件" loading={report.loading && !r} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small">
            <Statistic
              title="平均办理时间（提交到审核决定）"
              value={r?.avgHandlingWorkingDays ?? '—'}
              precision={r?.avgHandlingWorkingDays != null ? 1 : undefined}
              suffix={r?.avgHandlingWorkingDays != null ? '个工作日' : ''}
              loading={report.loading && !r}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small">
            <Statistic
              title="超期未办结"
              value={r?.overdue.length ?? '—'}
              suffix="件"
              styles={{ content: { color: (r?.overdue.length ?? 0) > 0 ? '#cf1322' : undefined } }}
              loading={report.loading && !r}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col span={8}>
          <Card size="small" title="按事项">
            <BarList empty="暂无数据" bars={(r?.byItem ?? []).map((i) => ({ key: i.itemCode, label: i.itemName, count: i.count }))} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="按状态">
            <BarList
              empty="暂无数据"
              bars={APPLICATION_STATUSES.filter((s) => (r?.byStatus[s] ?? 0) > 0).map((s) => ({
                key: s,
                label: STATUS_LABEL[s],
                count: r?.byStatus[s] ?? 0,
                color: STATUS_BAR_COLOR[s],
              }))}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="按村">
            <BarList
              empty="暂无数据"
              bars={(r?.byVillage ?? []).map((v) => ({ key: v.villageCode, label: v.villageName ?? v.villageCode, count: v.count, color: '#13c2c2' }))}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={`超期清单（${r?.overdue.length ?? 0}）`} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={r?.overdue ?? []}
          locale={{ emptyText: '没有超期的申请' }}
          onRow={(o) => ({ onClick: () => open(o.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: '受理编号', dataIndex: 'receiptNo', width: 230 },
            { title: '事项', dataIndex: 'itemName', ellipsis: true },
            { title: '申请人', dataIndex: 'residentName', width: 110 },
            { title: '村', key: 'village', width: 150, render: (_: unknown, o: StatsReport['overdue'][number]) => o.villageName ?? o.villageCode },
            { title: '承诺办结日', dataIndex: 'dueDate', width: 130 },
            {
              title: '超期',
              dataIndex: 'workingDaysOverdue',
              width: 150,
              render: (n: number) => <span style={{ color: '#cf1322', fontWeight: 600 }}>超期{n}个工作日</span>,
            },
          ]}
        />
      </Card>
    </div>
  );
}
