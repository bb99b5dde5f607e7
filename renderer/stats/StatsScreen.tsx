import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Row, Segmented, Space, Statistic, Table } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { StatsReport } from '../../core/api/views';
import { call } from '../api/client';
import { useNav } from '../app/nav';
import { useSession } from '../app/session';
import { useLoad } from '../shared/use-load';
import { base64ToBlob, downloadBlob } from '../shared/files';
import { useToastAction } from '../shared/use-action';
import { barsHeight, barsOption, statusBars, trendOption } from './charts';
import { EChart } from './EChart';
import { SatisfactionCard } from '../ratings/SatisfactionCard';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Range = [Dayjs, Dayjs] | null;

/** 统计: counts by item, status and village, average handling time in working days, 好差评, the overdue list. */
export function StatsScreen() {
  const { go } = useNav();
  const { user } = useSession();
  const [range, setRange] = useState<Range>(null);
  const from = range?.[0].format('YYYY-MM-DD');
  const to = range?.[1].format('YYYY-MM-DD');
  const [granularity, setGranularity] = useState<'week' | 'month'>('week');
  const period = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const report = useLoad(() => call('stats.report', { ...period, granularity }), [from, to, granularity]);
  const exporting = useToastAction(async () => {
    const x = await call('stats.exportLedger', period);
    downloadBlob(base64ToBlob(x.xlsxBase64, XLSX_MIME), x.fileName);
  });
  const r: StatsReport | null = report.data;
  const open = (id: string) => go(user.role === 'reviewer' ? { name: 'review-detail', applicationId: id } : { name: 'detail', applicationId: id });
  // IT staff see the figures; the ledger and the applications behind them are for the terminal's own people.
  const personal = user.role !== 'it';

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
          {personal && (
            <Button icon={<FileExcelOutlined />} onClick={() => void exporting.run()} loading={exporting.busy}>
              导出台账
            </Button>
          )}
          {personal && (
            <Button icon={<PrinterOutlined />} onClick={() => go({ name: 'ledger', ...period })}>
              打印台账
            </Button>
          )}
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
      <Card
        size="small"
        title={r?.trend.granularity === 'month' ? '按月趋势' : '按周趋势'}
        style={{ marginTop: 12 }}
        extra={
          <Segmented
            aria-label="趋势按周或按月"
            value={granularity}
            onChange={(v) => setGranularity(v as 'week' | 'month')}
            options={[
              { value: 'week', label: '按周' },
              { value: 'month', label: '按月' },
            ]}
          />
        }
      >
        {r && r.trend.points.length > 0 ? <EChart label="受理与审核的趋势" height={200} option={trendOption(r)} /> : <div className="muted">暂无数据</div>}
      </Card>
      <Row gutter={12} style={{ marginTop: 12 }}>
        {[
          { title: '按事项', label: '按事项的件数', bars: (r?.byItem ?? []).map((i) => ({ label: i.itemName, count: i.count })) },
          { title: '按状态', label: '按状态的件数', bars: r ? statusBars(r) : [] },
          {
            title: '按村',
            label: '按村的件数',
            bars: (r?.byVillage ?? []).map((v) => ({ label: v.villageName ?? v.villageCode, count: v.count, color: '#13c2c2' })),
          },
        ].map((c) => (
          <Col span={8} key={c.title}>
            <Card size="small" title={c.title}>
              {c.bars.length > 0 ? (
                <EChart label={c.label} height={barsHeight(c.bars.length)} option={barsOption(c.bars)} />
              ) : (
                <div className="muted">暂无数据</div>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <SatisfactionCard from={from} to={to} />
      <Card size="small" title={`超期清单（${r?.overdue.length ?? 0}）`} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={r?.overdue ?? []}
          locale={{ emptyText: '没有超期的申请' }}
          onRow={(o) => (personal ? { onClick: () => open(o.id), style: { cursor: 'pointer' } } : {})}
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
