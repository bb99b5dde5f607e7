import { App, Button } from 'antd';
import type { DecisionView } from '../../core/api/views';
import { useNav } from '../app/nav';
import { useStationEvent } from '../shared/use-station-event';
import { DECISION_LABEL } from './decision';
import { useDecisionArrived } from './decision-events';

/** What a decision means for the cadre: what happened, and what to do now. */
function sentence(d: DecisionView): string {
  if (d.step === 'county') return `县级审批结果：${d.decision === 'approve' ? '批准' : '不予批准'}。请打印结果通知书，通知申请人。`;
  if (d.statusAfter === 'publicizing') return '乡镇审核通过，进入公示。请在村务公开栏张贴公示，公示期满后报县级审批。';
  if (d.statusAfter === 'county_review') return '乡镇审核通过，已报县级审批。';
  return `一件申请的审核结果：${DECISION_LABEL[d.decision]}。请通知申请人。`;
}

/** A notification in the corner when a decision, or the end of a notice, comes down the change feed (village side). */
export function DecisionNotifier() {
  const { notification } = App.useApp();
  const { go } = useNav();
  useStationEvent('application.moved', ({ applicationId, status }) => {
    notification.info({
      key: `moved-${applicationId}`,
      title: '公示期满',
      description: status === 'county_review' ? '一件申请公示期满，已报县级审批。' : '一件申请公示期满。',
      duration: 8,
      placement: 'bottomRight',
      actions: (
        <Button type="primary" size="small" onClick={() => go({ name: 'detail', applicationId })}>
          查看
        </Button>
      ),
    });
  });
  useDecisionArrived(({ applicationId, decision }) => {
    const key = `decision-${applicationId}`;
    notification.info({
      key,
      title: decision?.step === 'county' ? '县级审批结果已到达' : '乡镇审核结果已到达',
      description: decision ? sentence(decision) : '一件申请有了新的审核结果。',
      duration: 8,
      placement: 'bottomRight',
      actions: (
        <Button
          type="primary"
          size="small"
          onClick={() => {
            notification.destroy(key);
            go({ name: 'detail', applicationId });
          }}
        >
          查看
        </Button>
      ),
    });
  });
  return null;
}
