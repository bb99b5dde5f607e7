import { useState } from 'react';
import { Alert, Button, List, Modal, Space } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { DecideManyResult } from '../../core/api/views';
import { call } from '../api/client';
import { ReasonDialog } from '../shared/ReasonDialog';

interface Props {
  /** The selected applications, in the worklist's order. */
  selected: string[];
  /** A county terminal 批准 / 不予批准 what its townships passed up. */
  county: boolean;
  onDone(): void;
}

/**
 * 批量审核: one decision for the selected applications (a whole batch when all of it is selected). Each is
 * decided on its own; those that could not be (withdrawn meanwhile, already decided) are listed with why.
 */
export function BatchActions({ selected, county, onDone }: Props) {
  const yes = county ? '批准' : '通过';
  const no = county ? '不予批准' : '不予通过';
  const [asking, setAsking] = useState<'approve' | 'reject' | null>(null);
  const [result, setResult] = useState<{ decision: 'approve' | 'reject'; r: DecideManyResult } | null>(null);
  const n = selected.length;

  const decide = (decision: 'approve' | 'reject') => async (reason: string) => {
    const r = await call('review.decideMany', { applicationIds: selected, decision, ...(reason ? { reason } : {}) });
    setAsking(null);
    setResult({ decision, r });
  };

  return (
    <>
      <Space>
        <span aria-live="polite">已选 {n} 件</span>
        <Button type="primary" icon={<CheckOutlined />} disabled={n === 0} onClick={() => setAsking('approve')}>
          {yes}所选
        </Button>
        <Button danger icon={<CloseOutlined />} disabled={n === 0} onClick={() => setAsking('reject')}>
          {no}所选
        </Button>
      </Space>
      <ReasonDialog
        open={asking === 'approve'}
        title={county ? `确认批准所选 ${n} 件？` : `确认将所选 ${n} 件审核通过？`}
        prompt="每件申请都单独作出审核决定，上报前可以撤销；已撤回或已审核的会列出来，不受影响。审核意见（可不填）会一并记入每件申请："
        label="审核意见（可不填）"
        okText={`${yes} ${n} 件`}
        tooShort=""
        minLength={0}
        danger={false}
        onSubmit={decide('approve')}
        onCancel={() => setAsking(null)}
      />
      <ReasonDialog
        open={asking === 'reject'}
        title={`确认对所选 ${n} 件${no}？`}
        prompt={`请写明${no}的理由，会打印在每件申请的结果通知书上：`}
        label={`${no}的理由`}
        okText={`${no} ${n} 件`}
        tooShort={`${no}时请写明理由（至少2个字）`}
        onSubmit={decide('reject')}
        onCancel={() => setAsking(null)}
      />
      <Modal
        open={result !== null}
        title="批量审核结果"
        okText="知道了"
        cancelButtonProps={{ style: { display: 'none' } }}
        onOk={() => {
          setResult(null);
          onDone();
        }}
        onCancel={() => {
          setResult(null);
          onDone();
        }}
        destroyOnHidden
      >
        {result && (
          <>
            <Alert
              type={result.r.refused.length ? 'warning' : 'success'}
              showIcon
              title={`已${result.decision === 'approve' ? (county ? '批准' : '审核通过') : `作出${no}决定`} ${result.r.decided.length} 件${result.r.refused.length ? `，${result.r.refused.length} 件未能审核` : ''}`}
              style={{ marginBottom: 12 }}
            />
            {result.r.refused.length > 0 && (
              <List
                size="small"
                bordered
                dataSource={result.r.refused}
                renderItem={(x) => (
                  <List.Item>
                    <span>
                      <b>{x.residentName ?? '（本机没有这件申请）'}</b> {x.receiptNo ?? ''}：{x.reason}
                    </span>
                  </List.Item>
                )}
              />
            )}
          </>
        )}
      </Modal>
    </>
  );
}
