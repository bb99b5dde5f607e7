import { useState } from 'react';
import { Alert, Button, Input, Select, Space, Table } from 'antd';
import type { ApplicationView } from '../../core/api/views';
import { APPLICATION_STATUSES, STATUS_LABEL, type ApplicationStatus } from '../../core/lifecycle';
import { call } from '../api/client';
import { useNav } from '../app/nav';
import { StatusTag } from './StatusTag';
import { useCatalogItems } from '../shared/use-catalog-items';
import { usePagedList } from '../shared/use-paged-list';
import { useDecisionArrived } from '../village/decision-events';
import { useStationEvent } from '../shared/use-station-event';
import { useDebounced } from '../shared/use-debounced-search';
import { showDateTime } from '../shared/time';

const PAGE = 30;

/** Every application on this terminal, newest first, searched by applicant or receipt number, filtered by status and item, 30 at a time. */
export function QueueScreen() {
  const { go } = useNav();
  const [status, setStatus] = useState<ApplicationStatus | undefined>();
  const [itemCode, setItemCode] = useState<string | undefined>();
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed.trim(), 250);
  const items = useCatalogItems();
  const { rows, cursor, loading, error, load } = usePagedList<ApplicationView>(
    (before) =>
      call('applications.list', {
        ...(status ? { status: [status] } : {}),
        ...(itemCode ? { itemCode } : {}),
        ...(query ? { query } : {}),
        limit: PAGE,
        ...(before ? { before } : {}),
      }),
    [status, itemCode, query],
  );
  // A decision that arrives changes a row's status: the list shows it without leaving the screen.
  useDecisionArrived(() => void load());
  useStationEvent('application.moved', () => void load());
  // What the village's other terminals took or did arrives the same way (docs/village-terminals.md).
  useStationEvent('applications.arrived', () => void load());

  return (
    <div className="screen">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <h1 className="screen-title" style={{ margin: 0 }}>
          申请队列
        </h1>
        <Space>
          <Input.Search
            aria-label="查找申请"
            placeholder="姓名、拼音首字母、身份证号或回执编号"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            allowClear
            autoFocus
            style={{ width: 330 }}
          />
          <Select
            aria-label="按状态筛选"
            allowClear
            placeholder="全部状态"
            value={status}
            onChange={setStatus}
            style={{ width: 150 }}
            options={APPLICATION_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
          />
          <Select
            aria-label="按事项筛选"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部事项"
            value={itemCode}
            onChange={setItemCode}
            style={{ width: 300 }}
            options={items.map((i) => ({ value: i.code, label: i.name }))}
          />
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<ApplicationView>
        rowKey="id"
        size="middle"
        loading={loading && rows.length === 0}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: '没有符合条件的申请' }}
        onRow={(a) => ({ onClick: () => go({ name: 'detail', applicationId: a.id }), style: { cursor: 'pointer' } })}
        columns={[
          { title: '状态', key: 'status', width: 100, render: (_, a) => <StatusTag status={a.status} /> },
          {
            title: '申请人',
            key: 'resident',
            width: 200,
            render: (_, a) => (
              <span>
                {a.residentName}
                <div className="muted" style={{ fontSize: 13 }}>
                  {a.residentIdMasked}
                </div>
              </span>
            ),
          },
          { title: '办理事项', dataIndex: 'itemName', key: 'item', ellipsis: true },
          {
            title: '回执编号',
            key: 'receipt',
            width: 290,
            render: (_, a) => (a.receiptNo ? <span>{a.receiptNo}</span> : <span className="muted">（未提交）</span>),
          },
          { title: '受理/更新时间', key: 'at', width: 170, render: (_, a) => showDateTime(a.submittedAt ?? a.updatedAt) },
          { title: '承诺办结', dataIndex: 'dueDate', key: 'due', width: 120, render: (d: string | null) => d ?? '—' },
          {
            title: '',
            key: 'open',
            width: 110,
            render: (_, a) => (
              <Button
                size="small"
                type={a.status === 'draft' ? 'primary' : 'default'}
                onClick={(e) => {
                  e.stopPropagation();
                  go(a.status === 'draft' ? { name: 'form', applicationId: a.id } : { name: 'detail', applicationId: a.id });
                }}
              >
                {a.status === 'draft' ? '继续填写' : '查看'}
              </Button>
            ),
          },
        ]}
      />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        {cursor ? (
          <Button onClick={() => load(cursor)} loading={loading}>
            加载更多
          </Button>
        ) : rows.length > 0 ? (
          <span className="muted">共 {rows.length} 件，已全部显示</span>
        ) : null}
      </div>
    </div>
  );
}
