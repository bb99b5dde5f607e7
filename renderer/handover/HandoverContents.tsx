import { Table, Tag } from 'antd';
import type { HandoverView } from '../../core/api/views';

/** The applications on one list with their paper materials; what the township noted as missing in red. */
export function HandoverContents({ list }: { list: HandoverView }) {
  const missing = new Map(list.missing.map((m) => [`${m.applicationId}:${m.materialKey}`, m]));
  return (
    <Table
      size="small"
      rowKey="applicationId"
      pagination={false}
      dataSource={list.applications}
      columns={[
        { title: '受理编号', dataIndex: 'receiptNo', width: 210 },
        { title: '申请人', dataIndex: 'residentName', width: 100 },
        { title: '事项', dataIndex: 'itemName', width: 220, ellipsis: true },
        {
          title: '纸质材料',
          key: 'materials',
          render: (_, a) =>
            a.materials.map((m) => {
              const gone = missing.get(`${a.applicationId}:${m.key}`);
              return (
                <Tag key={m.key} color={gone ? 'red' : undefined} style={{ fontSize: 13, marginBottom: 2 }} title={gone?.note ?? undefined}>
                  {gone ? '未收到：' : ''}
                  {m.name} {m.count}份{gone?.note ? `（${gone.note}）` : ''}
                </Tag>
              );
            }),
        },
      ]}
    />
  );
}

/** 待乡镇确认 / 已全部收到 / 缺N项, and 未同步 while it waits in the outbox. */
export function HandoverState({ list }: { list: HandoverView }) {
  return (
    <>
      {!list.confirmedAt ? (
        <Tag color="processing">待乡镇确认</Tag>
      ) : list.missing.length === 0 ? (
        <Tag color="success">已确认全部收到</Tag>
      ) : (
        <Tag color="error">已确认，缺{list.missing.length}项</Tag>
      )}
      {!list.synced && <Tag color="orange">未同步</Tag>}
    </>
  );
}
