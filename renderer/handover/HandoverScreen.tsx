import { useState } from 'react';
import { Alert, App, Button, Space, Table } from 'antd';
import { PlusOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import type { HandoverView } from '../../core/api/views';
import { call } from '../api/client';
import { useAction } from '../shared/use-action';
import { useNav } from '../app/nav';
import { useSession } from '../app/session';
import { useLoad } from '../shared/use-load';
import { showDateTime } from '../shared/time';
import { HandoverConfirmModal } from './HandoverConfirmModal';
import { useCountyTerminal } from '../sync/sync-store';
import { HandoverContents, HandoverState } from './HandoverContents';

/**
 * 交接清单. Village: make a list of every sent application not yet on one, print it, see whether the township
 * confirmed it. Township: the villages' lists, confirm the paper arrived or note what did not.
 */
export function HandoverScreen() {
  const { go } = useNav();
  const { user } = useSession();
  const { message } = App.useApp();
  const township = user.role === 'reviewer';
  // A county terminal looks on: the paper is confirmed at the township that received it.
  const county = useCountyTerminal();
  const lists = useLoad(() => call('handover.list', { limit: 100 }), []);
  const [confirming, setConfirming] = useState<HandoverView | null>(null);

  const create = useAction(async () => {
    const made = await call('handover.create', {});
    message.success(`已生成交接清单 ${made.listNo}，共${made.applications.length}件`);
    go({ name: 'document', kind: 'handover', id: made.id, back: { name: 'handover' } });
  });
  const error = create.error;

  return (
    <div className="screen">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} align="center">
        <h1 className="screen-title" style={{ margin: 0 }}>
          交接清单
          <span className="muted" style={{ fontSize: 16, fontWeight: 'normal', marginLeft: 12 }}>
            {township ? '核对各村送来的纸质材料' : '随纸质材料一起送到乡镇'}
          </span>
        </h1>
        <Space>
          {!township && (
            <Button type="primary" size="large" icon={<PlusOutlined />} loading={create.busy} onClick={() => void create.run()}>
              生成交接清单
            </Button>
          )}
          <Button size="large" icon={<ReloadOutlined />} onClick={lists.reload}>
            刷新
          </Button>
        </Space>
      </Space>
      {!township && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="“生成交接清单”会把已上报、还没列入清单的申请列成一张清单，打印后随纸质材料送到乡镇。" />
      )}
      {(error ?? lists.error) && <Alert type="error" showIcon title={error ?? lists.error} style={{ marginBottom: 12 }} />}
      <Table<HandoverView>
        rowKey="id"
        loading={lists.loading}
        dataSource={lists.data ?? []}
        pagination={false}
        locale={{ emptyText: township ? '还没有收到交接清单' : '还没有生成过交接清单' }}
        expandable={{ expandedRowRender: (l) => <HandoverContents list={l} />, defaultExpandAllRows: false }}
        columns={[
          { title: '清单编号', dataIndex: 'listNo', width: 280, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
          ...(township ? [{ title: '村', key: 'village', width: 150, render: (_: unknown, l: HandoverView) => l.villageName ?? l.villageCode }] : []),
          { title: '生成时间', key: 'createdAt', width: 160, render: (_, l) => showDateTime(l.createdAt) },
          { title: '件数', key: 'n', width: 70, render: (_, l) => `${l.applications.length}件` },
          { title: '状态', key: 'state', width: 190, render: (_, l) => <HandoverState list={l} /> },
          {
            title: '乡镇确认',
            key: 'confirmed',
            render: (_, l) => (l.confirmedAt ? `${l.confirmedByName ?? ''} ${showDateTime(l.confirmedAt)}` : '—'),
          },
          {
            title: '操作',
            key: 'actions',
            width: 210,
            render: (_, l) => (
              <Space>
                {township && !county && !l.confirmedAt && (
                  <Button type="primary" onClick={() => setConfirming(l)}>
                    核对确认
                  </Button>
                )}
                <Button icon={<PrinterOutlined />} onClick={() => go({ name: 'document', kind: 'handover', id: l.id, back: { name: 'handover' } })}>
                  打印
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {confirming && (
        <HandoverConfirmModal
          list={confirming}
          onClose={() => setConfirming(null)}
          onDone={(next) => {
            setConfirming(null);
            message.success(
              next.missing.length === 0 ? `已确认全部收到。${next.synced ? '' : '已保存，网络恢复后自动上报。'}` : `已确认，${next.missing.length}项未收到。`,
            );
            lists.reload();
          }}
        />
      )}
    </div>
  );
}
