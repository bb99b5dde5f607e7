import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { CheckOutlined, CloseOutlined, RollbackOutlined, UndoOutlined } from '@ant-design/icons';
import type { ReviewDetailView } from '../../core/api/views';
import { noticeDays } from '../../core/review-levels';
import type { SupplementItem } from '../../core/sync/messages';
import { call, errorMessage } from '../api/client';
import { ReasonDialog } from '../shared/ReasonDialog';
import { SupplementNoticeBuilder } from './SupplementNoticeBuilder';

/** The message after any decision: it is stored here first and goes up by itself (works offline). */
const SAVED = '已保存，网络恢复后自动上报';

function deadlineWarning(a: ReviewDetailView): string | null {
  if (a.supplementDue === 'passed') return `已超过补正告知期限（${a.supplementDueDate ?? ''}），请尽快告知并做好说明。`;
  if (a.supplementDue === 'near') return `补正告知期限将到（${a.supplementDueDate ?? ''}），请今天内一次性告知。`;
  return null;
}

/**
 * The buttons' words by level and route: a township's 审核通过 of a 低保 opens its notice (公示), of a two-level
 * item goes up to the county; the county 批准 / 不予批准.
 */
function decisionWords(app: ReviewDetailView, county: boolean): { approve: string; reject: string; next: string } {
  if (county) return { approve: '批准', reject: '不予批准', next: '，结果发回村里' };
  const next =
    app.approveAction === 'publicize'
      ? `，在村务公开栏公示${noticeDays(app.item.levels) ?? ''}天，期满后报县级审批`
      : app.approveAction === 'refer'
        ? '，报县级审批'
        : '';
  return { approve: '审核通过', reject: '不予通过', next };
}

/** 审核通过 (confirm) / 退回补正 (one-time notice) / 不予通过 (reason required), as far as this level may now. */
export function DecisionActions({ app, county, onDecided }: { app: ReviewDetailView; county: boolean; onDecided(next: ReviewDetailView): void }) {
  const { message } = App.useApp();
  const [returning, setReturning] = useState(0);
  const [rejecting, setRejecting] = useState(false);
  const [approving, setApproving] = useState(false);
  if (app.mayDecide.length === 0) return null;
  const words = decisionWords(app, county);

  const done = (next: ReviewDetailView, what: string) => {
    message.success(`${what}：${next.latestDecision?.synced ? '已上报' : SAVED}`);
    onDecided(next);
  };

  const approve = async (comment: string) => {
    const next = await call('review.decide', { applicationId: app.id, decision: 'approve', ...(comment ? { reason: comment } : {}) });
    setApproving(false);
    done(next, `已${words.approve}`);
  };

  /** A refusal is shown by the notice builder, which stays open. */
  const sendSupplement = async (items: SupplementItem[], note: string) => {
    const next = await call('review.decide', {
      applicationId: app.id,
      decision: 'request_supplement',
      supplement: { items, ...(note ? { note } : {}) },
    });
    setReturning(0);
    done(next, '已退回补正');
  };

  const reject = async (reason: string) => {
    const next = await call('review.decide', { applicationId: app.id, decision: 'reject', reason });
    setRejecting(false);
    done(next, `已作出${words.reject}决定`);
  };

  return (
    <>
      <Space>
        {app.mayDecide.includes('approve') && (
          <Button type="primary" size="large" icon={<CheckOutlined />} onClick={() => setApproving(true)}>
            {words.approve}
          </Button>
        )}
        {app.mayDecide.includes('request_supplement') && (
          <Button size="large" icon={<RollbackOutlined />} onClick={() => setReturning((n) => n + 1)} style={{ borderColor: '#fa8c16', color: '#d46b08' }}>
            退回补正
          </Button>
        )}
        {app.mayDecide.includes('reject') && (
          <Button size="large" danger icon={<CloseOutlined />} onClick={() => setRejecting(true)}>
            {words.reject}
          </Button>
        )}
      </Space>
      {returning > 0 && (
        <SupplementNoticeBuilder
          key={returning}
          open
          item={app.item}
          materials={app.materials}
          deadlineWarning={deadlineWarning(app)}
          onCancel={() => setReturning(0)}
          onSubmit={sendSupplement}
        />
      )}
      <ReasonDialog
        open={approving}
        title={`确认${words.approve}？`}
        prompt={`${app.residentName}的“${app.itemName}”将${words.approve}${words.next}，上报前可以撤销。可以写审核意见（不必填），村代办员会在申请详情中看到：`}
        label="审核意见（可不填）"
        okText={words.approve}
        tooShort=""
        minLength={0}
        danger={false}
        onSubmit={approve}
        onCancel={() => setApproving(false)}
      />
      <ReasonDialog
        open={rejecting}
        title={words.reject}
        prompt={`${app.status === 'publicizing' ? '公示期间有异议并经核实不符合条件的，可以不予通过。' : ''}请写明${words.reject}的理由，村代办员会打印在结果通知书上交给申请人：`}
        label={`${words.reject}的理由`}
        okText={`确认${words.reject}`}
        tooShort="不予通过时请写明理由（至少2个字）"
        onSubmit={reject}
        onCancel={() => setRejecting(false)}
      />
    </>
  );
}

/** 撤销决定: while this terminal's decision has not been sent, the reviewer may take it back. */
export function UndoDecision({ app, onUndone }: { app: ReviewDetailView; onUndone(next: ReviewDetailView): void }) {
  const { message, modal } = App.useApp();
  const d = app.latestDecision;
  if (!d || d.synced) return null;
  const undo = () =>
    modal.confirm({
      title: '撤销这个审核决定？',
      content: '决定还没有上报到省级平台，撤销后这件申请回到待审核，可以重新审核。撤销会记入办理记录。',
      okText: '撤销决定',
      cancelText: '不撤销',
      onOk: async () => {
        try {
          onUndone(await call('review.undo', { applicationId: app.id }));
          void message.success('已撤销，未上报的决定不会再发出');
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });
  return (
    <Button size="large" icon={<UndoOutlined />} onClick={undo}>
      撤销决定
    </Button>
  );
}
