import { Tag } from 'antd';
import type { ApplicationStatus } from '../../core/lifecycle';
import { STATUS_LABEL } from '../../core/lifecycle';

export const STATUS_COLOR: Record<ApplicationStatus, string> = {
  draft: 'default',
  queued: 'orange',
  sent: 'blue',
  under_review: 'processing',
  needs_supplement: 'warning',
  supplemented: 'cyan',
  publicizing: 'purple',
  county_review: 'geekblue',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
  completed: 'green',
};

export function StatusTag({ status }: { status: ApplicationStatus }) {
  return (
    <Tag color={STATUS_COLOR[status]} style={{ fontSize: 14, marginInlineEnd: 0 }}>
      {STATUS_LABEL[status]}
    </Tag>
  );
}
