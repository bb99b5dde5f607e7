import { Timeline } from 'antd';
import type { ReviewDetailView } from '../../core/api/views';
import { STATUS_LABEL } from '../../core/lifecycle';
import { showDateTime } from '../shared/time';

const EVENT_LABEL: Record<string, string> = {
  submitted: '村代办点受理',
  received: '乡镇收到申请',
  acknowledge: '省级平台已接收',
  start_review: '开始审核',
  decided: '作出审核决定',
  approve: '审核通过',
  reject: '不予通过',
  notice_ended: '公示期满，报县级审批',
  county_approve: '县级审批：批准',
  county_reject: '县级审批：不予批准',
  request_supplement: '退回补正',
  supplemented: '村代办点登记补正',
  supplement: '村代办点登记补正',
  completed: '已告知申请人，办结',
  complete: '已告知申请人，办结',
  withdrawn: '申请已撤回',
  withdraw: '申请已撤回',
  decision_undone: '撤销未上报的审核决定',
  decision_refused: '审核决定未被平台接收',
};

/** The replica's history of one application, newest first. */
export function ReviewEvents({ events }: { events: ReviewDetailView['events'] }) {
  if (events.length === 0) return <span className="muted">暂无记录</span>;
  return (
    <Timeline
      items={[...events].reverse().map((e, i) => ({
        key: `${e.at}-${i}`,
        color:
          e.status === 'rejected' || e.status === 'withdrawn'
            ? 'red'
            : e.status === 'needs_supplement'
              ? 'orange'
              : e.status === 'approved'
                ? 'green'
                : e.status === 'publicizing'
                  ? 'purple'
                  : 'blue',
        title: showDateTime(e.at),
        content: (
          <div>
            <div>
              {EVENT_LABEL[e.type] ?? `状态变为“${STATUS_LABEL[e.status] ?? e.status}”`}　<span className="muted">{e.actorName}</span>
            </div>
            {e.note ? (
              <div className="muted" style={{ fontSize: 14 }}>
                {e.note}
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
