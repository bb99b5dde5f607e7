import type { ApplicationStatus } from '../../core/lifecycle';

/** The worklist's status filter, in the reviewer's words (one choice may cover several statuses). */
export const STATUS_FILTERS: { value: string; label: string; statuses: ApplicationStatus[] | undefined }[] = [
  { value: 'todo', label: '待审核', statuses: ['sent', 'under_review', 'supplemented'] },
  { value: 'supplement', label: '已退回补正', statuses: ['needs_supplement'] },
  { value: 'approved', label: '已通过', statuses: ['approved'] },
  { value: 'rejected', label: '不予通过', statuses: ['rejected'] },
  { value: 'completed', label: '已办结', statuses: ['completed'] },
  { value: 'all', label: '全部', statuses: undefined },
];
