import type { ApplicationStatus } from '../../core/lifecycle';
import { AWAITING_DECISION } from '../../core/review-levels';

type StatusFilter = { value: string; label: string; statuses: ApplicationStatus[] | undefined };

/**
 * The worklist's status filter, in the reviewer's words (one choice may cover several statuses). 待审核 is
 * what this terminal's level has to decide: a township's new and supplemented applications, a county's
 * 待县级审批.
 */
export function statusFilters(county: boolean): StatusFilter[] {
  return [
    { value: 'todo', label: county ? '待县级审批' : '待审核', statuses: [...AWAITING_DECISION[county ? 'county' : 'township']] },
    { value: 'supplement', label: '已退回补正', statuses: ['needs_supplement'] },
    { value: 'publicizing', label: '公示中', statuses: ['publicizing'] },
    ...(county ? [] : [{ value: 'county', label: '已报县级审批', statuses: ['county_review'] as ApplicationStatus[] }]),
    { value: 'approved', label: '已通过', statuses: ['approved'] },
    { value: 'rejected', label: '不予通过', statuses: ['rejected'] },
    { value: 'completed', label: '已办结', statuses: ['completed'] },
    { value: 'all', label: '全部', statuses: undefined },
  ];
}
