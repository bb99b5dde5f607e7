import { Tag } from 'antd';
import type { ReviewItemView } from '../../core/api/views';

/** 承诺办结日 with the working days left, or how many it is overdue (red). */
export function DueCell({ item }: { item: Pick<ReviewItemView, 'dueDate' | 'workingDaysLeft' | 'overdue' | 'duePaused'> }) {
  const late = item.overdue || item.workingDaysLeft < 0;
  return (
    <div>
      <div>{item.dueDate}</div>
      {item.duePaused ? (
        <div className="muted" style={{ fontSize: 14 }} title={`补正期间不计入承诺时限，补齐后还有${Math.max(0, item.workingDaysLeft)}个工作日`}>
          补正中，暂停计时
        </div>
      ) : late ? (
        <div style={{ color: '#cf1322', fontWeight: 600, fontSize: 14 }}>超期{Math.abs(item.workingDaysLeft)}个工作日</div>
      ) : (
        <div className="muted" style={{ fontSize: 14 }}>
          剩余{item.workingDaysLeft}个工作日
        </div>
      )}
    </div>
  );
}

/** The 5-working-day limit for a one-time supplement notice: orange when near, red once passed. */
export function SupplementDueTag({ item }: { item: Pick<ReviewItemView, 'supplementDue' | 'supplementDueDate'> }) {
  if (item.supplementDue === 'near') {
    return (
      <Tag color="orange" title={item.supplementDueDate ? `告知期限：${item.supplementDueDate}` : undefined} style={{ marginInlineEnd: 0 }}>
        补正告知将到期
      </Tag>
    );
  }
  if (item.supplementDue === 'passed') {
    return (
      <Tag color="red" title={item.supplementDueDate ? `告知期限：${item.supplementDueDate}` : undefined} style={{ marginInlineEnd: 0 }}>
        已超补正告知期限
      </Tag>
    );
  }
  return null;
}
