import { Alert, Card, Col, Row, Statistic, Table } from 'antd';
import type { SatisfactionGroupView } from '../../core/api/rating-methods';
import { showRate } from '../../core/ratings/stats';
import { call } from '../api/client';
import { useLoad } from '../shared/use-load';

const columns = (title: string) => [
  { title, dataIndex: 'name', ellipsis: true },
  { title: '评价', dataIndex: 'total', width: 56 },
  { title: '好评率', key: 'rate', width: 72, render: (_: unknown, g: SatisfactionGroupView) => showRate(g.goodRate) },
  {
    title: '差评',
    dataIndex: 'poor',
    width: 56,
    render: (n: number) => <span style={n > 0 ? { color: '#cf1322', fontWeight: 600 } : undefined}>{n}</span>,
  },
];

/**
 * 群众满意度（好差评） over the statistics period: counts and rates, then by village (township and county
 * terminals), item and cadre. 好评率 counts 非常满意, 满意 and 基本满意 (docs/ratings.md).
 */
export function SatisfactionCard({ from, to }: { from?: string; to?: string }) {
  const loaded = useLoad(() => call('ratings.stats', { ...(from ? { from } : {}), ...(to ? { to } : {}) }), [from, to]);
  const s = loaded.data;
  const groups = s
    ? [...(s.byVillage.length > 0 ? [{ title: '村', rows: s.byVillage }] : []), { title: '事项', rows: s.byItem }, { title: '受理人', rows: s.byCadre }]
    : [];
  return (
    <Card size="small" title="群众满意度（好差评）" style={{ marginTop: 12 }}>
      {loaded.error && <Alert type="error" showIcon title={loaded.error} style={{ marginBottom: 12 }} />}
      <Row gutter={12}>
        <Col span={6}>
          <Statistic title="评价数" value={s?.overall.total ?? '—'} suffix="次" loading={loaded.loading && !s} />
        </Col>
        <Col span={6}>
          <Statistic title="好评率" value={s ? showRate(s.overall.goodRate) : '—'} loading={loaded.loading && !s} />
        </Col>
        <Col span={6}>
          <Statistic
            title="差评"
            value={s?.overall.poor ?? '—'}
            suffix="次"
            styles={{ content: { color: (s?.overall.poor ?? 0) > 0 ? '#cf1322' : undefined } }}
            loading={loaded.loading && !s}
          />
        </Col>
        <Col span={6}>
          {s && s.byVillage.length > 0 ? (
            <Statistic
              title="差评回访 / 整改 / 逾期"
              value={`${s.followUps.revisited} / ${s.followUps.rectified} / ${s.followUps.overdue}`}
              styles={{ content: { color: s.followUps.overdue > 0 ? '#cf1322' : undefined } }}
            />
          ) : (
            <Statistic title="平均分（满分5分）" value={s?.overall.average?.toFixed(2) ?? '—'} loading={loaded.loading && !s} />
          )}
        </Col>
      </Row>
      <Row gutter={12} style={{ marginTop: 12 }}>
        {groups.map((g) => (
          <Col span={24 / groups.length} key={g.title}>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={g.rows}
              columns={columns(g.title)}
              locale={{ emptyText: '暂无评价' }}
              scroll={{ y: 180 }}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
