import { List, Typography } from 'antd';
import type { ApplicationView } from '../../core/api/views';
import { useNav } from '../app/nav';
import { StatusTag } from './StatusTag';

/** A short clickable list of applications (home screen: due soon / overdue). */
export function ApplicationList({ items, empty, showDue }: { items: ApplicationView[]; empty: string; showDue?: boolean }) {
  const { go } = useNav();
  return (
    <List
      size="small"
      dataSource={items}
      locale={{ emptyText: empty }}
      renderItem={(a) => (
        <List.Item style={{ cursor: 'pointer' }} onClick={() => go({ name: 'detail', applicationId: a.id })} extra={<StatusTag status={a.status} />}>
          <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
            {a.residentName} · {a.itemName}
            {showDue && a.dueDate ? <span className="muted">（{a.dueDate} 到期）</span> : null}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
