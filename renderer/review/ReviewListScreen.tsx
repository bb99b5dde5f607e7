import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Select, Space, Table } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ReviewBatchView, ReviewItemView } from '../../core/api/views';
import { call } from '../api/client';
import { useNav } from '../app/nav';
import { UnsyncedTag } from '../applications/DecisionCard';
import { StatusTag } from '../applications/StatusTag';
import { useCatalogItems } from '../shared/use-catalog-items';
import { usePagedList } from '../shared/use-paged-list';
import { useStationEvent } from '../shared/use-station-event';
import { useCountyTerminal } from '../sync/sync-store';
import { showDateTime } from '../shared/time';
import { DueCell, SupplementDueTag } from './DueCell';
import { BatchActions } from './BatchActions';
import { BatchPaper } from './BatchPaper';
import { statusFilters } from './filters';

const PAGE = 50;

interface Village {
  code: string;
  name: string | null;
}

/** 审核工作台: the township's replica of its villages' applications, filtered, due dates in working days. */
export function ReviewListScreen() {
  const { go } = useNav();
  const [villageCode, setVillageCode] = useState<string | undefined>();
  const [itemCode, setItemCode] = useState<string | undefined>();
  const [statusFilter, setStatusFilter] = useState('todo');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [batchId, setBatchId] = useState<string | undefined>();
  const [batches, setBatches] = useState<ReviewBatchView[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const county = useCountyTerminal();
  const loadBatches = () => call('review.batches', {}).then(setBatches, () => undefined);
  useEffect(() => void loadBatches(), []);
  const batch = batches.find((b) => b.id === batchId);
  const items = useCatalogItems();
  const [villages, setVillages] = useState<Village[]>([]);

  useEffect(() => {
    call('stats.report', {}).then(
      (r) =>
        setVillages((old) =>
          mergeVillages(
            old,
            r.byVillage.map((v) => ({ code: v.villageCode, name: v.villageName })),
          ),
        ),
      () => undefined,
    );
  }, []);

  const { rows, cursor, loading, error, load } = usePagedList<ReviewItemView>(
    async (before) => {
      const statuses = statusFilters(county).find((f) => f.value === statusFilter)?.statuses;
      const page = await call('review.list', {
        ...(villageCode ? { villageCode } : {}),
        ...(itemCode ? { itemCode } : {}),
        ...(statuses ? { status: statuses } : {}),
        ...(overdueOnly ? { overdueOnly: true } : {}),
        ...(batchId ? { batch: batchId } : {}),
        // A batch is shown whole, so all of it can be selected at once.
        limit: batchId ? 200 : PAGE,
        ...(before ? { before } : {}),
      });
      setVillages((old) =>
        mergeVillages(
          old,
          page.items.map((i) => ({ code: i.villageCode, name: i.villageName })),
        ),
      );
      return page;
    },
    [villageCode, itemCode, statusFilter, overdueOnly, batchId, county],
  );
  useEffect(() => setSelected([]), [villageCode, itemCode, statusFilter, overdueOnly, batchId]);
  // Applications that arrive while the worklist is open show at once; the selection stays.
  useStationEvent('applications.arrived', () => {
    void load();
    void loadBatches();
  });
  const refresh = () => {
    setSelected([]);
    void load();
    void loadBatches();
  };

  return (
    <div className="screen">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <h1 className="screen-title" style={{ margin: 0 }}>
          审核工作台
        </h1>
        <Space wrap>
          <Select
            aria-label="按批次筛选"
            allowClear
            placeholder="全部批次"
            value={batchId}
            onChange={(id?: string) => {
              setBatchId(id);
              // A batch is looked at whole: what was withdrawn or decided in it shows too.
              if (id) setStatusFilter('all');
            }}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 230 }}
            options={batches.map((b) => ({ value: b.id, label: `${b.villageName ?? b.villageCode} ${b.label}（待审${b.open}/${b.total}）` }))}
          />
          <Select
            aria-label="按村筛选"
            allowClear
            placeholder="全部村"
            value={villageCode}
            onChange={setVillageCode}
            style={{ width: 190 }}
            options={villages.map((v) => ({ value: v.code, label: v.name ?? v.code }))}
          />
          <Select
            aria-label="按事项筛选"
            allowClear
            placeholder="全部事项"
            value={itemCode}
            onChange={setItemCode}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 230 }}
            options={items.map((i) => ({ value: i.code, label: i.name }))}
          />
          <Select
            aria-label="按状态筛选"
            value={statusFilter}
            onChange={setStatusFilter}
            style={{ width: 130 }}
            options={statusFilters(county).map((f) => ({ value: f.value, label: f.label }))}
          />
          <Checkbox checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)}>
            仅看超期
          </Checkbox>
          <Button icon={<ReloadOutlined />} onClick={refresh}>
            刷新
          </Button>
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {batch && <BatchPaper batch={batch} onConfirmed={refresh} />}
      <div style={{ marginBottom: 8 }}>
        <BatchActions selected={selected} county={county} onDone={refresh} />
      </div>
      <Table<ReviewItemView>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: '没有符合条件的申请' }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), columnWidth: 44 }}
        onRow={(r) => ({
          // A click on the row opens it; one on its checkbox only selects it.
          onClick: (e) => {
            if (!(e.target as HTMLElement).closest('.ant-table-selection-column')) go({ name: 'review-detail', applicationId: r.id });
          },
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: '受理编号', dataIndex: 'receiptNo', width: 236, render: (v: string) => <span style={{ fontSize: 14, whiteSpace: 'nowrap' }}>{v}</span> },
          { title: '村', key: 'village', width: 140, ellipsis: true, render: (_, r) => r.villageName ?? r.villageCode },
          { title: '事项', dataIndex: 'itemName', ellipsis: true },
          { title: '申请人', dataIndex: 'residentName', width: 96 },
          { title: '提交日期', dataIndex: 'submittedAt', width: 112, render: (v: string) => showDateTime(v).slice(0, 10) },
          { title: '承诺办结日', key: 'due', width: 150, render: (_, r) => <DueCell item={r} /> },
          {
            title: '状态',
            key: 'status',
            width: 190,
            render: (_, r) => (
              <Space size={4} wrap>
                <StatusTag status={r.status} />
                <SupplementDueTag item={r} />
                {r.latestDecision ? <UnsyncedTag decision={r.latestDecision} /> : null}
              </Space>
            ),
          },
          {
            title: '',
            key: 'open',
            width: 72,
            render: (_, r) => (
              <Button
                type="link"
                style={{ padding: 0 }}
                onClick={(e) => {
                  e.stopPropagation();
                  go({ name: 'review-detail', applicationId: r.id });
                }}
              >
                审核
              </Button>
            ),
          },
        ]}
      />
      {cursor && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void load(cursor)} loading={loading}>
            加载更多
          </Button>
        </div>
      )}
    </div>
  );
}

function mergeVillages(old: Village[], more: Village[]): Village[] {
  const by = new Map(old.map((v) => [v.code, v]));
  for (const v of more) if (!by.has(v.code) || (!by.get(v.code)?.name && v.name)) by.set(v.code, v);
  return [...by.values()].sort((a, b) => a.code.localeCompare(b.code));
}
