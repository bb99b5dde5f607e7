import { STATUS_LABEL, transition, type ApplicationAction, type ApplicationStatus } from '../../core/lifecycle';

/**
 * Why a follow-up cannot happen in the application's present status, in the cadre's or reviewer's words.
 * core/lifecycle's own message is the fallback for a status not listed (e.g. a future one).
 */
type Attempt = 'decide' | 'supplement' | 'complete' | 'withdraw';

const REASONS: Record<Attempt, Partial<Record<ApplicationStatus, string>>> = {
  decide: {
    withdrawn: '这件申请已撤回，不能再审核',
    approved: '这件申请已审核通过，审核决定一经同步即为最终决定，不能再次审核',
    rejected: '这件申请已决定不予通过，审核决定一经同步即为最终决定，不能再次审核',
    needs_supplement: '这件申请已退回补正，须等村里补正材料后才能再审核',
    completed: '这件申请已办结，不能再审核',
  },
  supplement: {
    sent: '这件申请没有被退回补正，不需要补正',
    under_review: '这件申请没有被退回补正，不需要补正',
    supplemented: '这件申请已补正过，正在等待乡镇审核',
    publicizing: '这件申请没有被退回补正，正在公示，不需要补正',
    county_review: '这件申请没有被退回补正，正在等待县级审批，不需要补正',
    approved: '这件申请已审核完毕，不能再补正',
    rejected: '这件申请已审核完毕，不能再补正',
    withdrawn: '这件申请已撤回，不能再补正',
    completed: '这件申请已办结，不能再补正',
  },
  complete: {
    sent: '这件申请还没有审核结果，不能办结',
    under_review: '这件申请还没有审核结果，不能办结',
    needs_supplement: '这件申请正在等待补正，还没有审核结果，不能办结',
    supplemented: '这件申请已补正，正在等待乡镇审核，还不能办结',
    publicizing: '这件申请正在公示，还没有审批结果，不能办结',
    county_review: '这件申请正在等待县级审批，还没有审批结果，不能办结',
    withdrawn: '这件申请已撤回，不能办结',
  },
  withdraw: {
    approved: '这件申请已审核通过，不能再撤回',
    rejected: '这件申请已有审核结果（不予通过），不能再撤回',
    completed: '这件申请已办结，不能再撤回',
  },
};

export function refusalReason(attempt: Attempt, status: ApplicationStatus, action: ApplicationAction): string {
  const own = REASONS[attempt][status];
  if (own) return own;
  try {
    transition(status, action);
  } catch (e) {
    if (e instanceof Error) return e.message;
  }
  return `“${STATUS_LABEL[status] ?? status}”的申请不能这样处理`;
}
