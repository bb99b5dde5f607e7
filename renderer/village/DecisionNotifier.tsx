import { App, Button } from 'antd';
import { useNav } from '../app/nav';
import { DECISION_LABEL } from './decision';
import { useDecisionArrived } from './decision-events';

/** A notification in the corner when a township decision comes down the change feed (village side). */
export function DecisionNotifier() {
  const { notification } = App.useApp();
  const { go } = useNav();
  useDecisionArrived(({ applicationId, decision }) => {
    const key = `decision-${applicationId}`;
    notification.info({
      key,
      title: '乡镇审核结果已到达',
      description: decision ? `一件申请的审核结果：${DECISION_LABEL[decision.decision]}。请通知申请人。` : '一件申请有了新的审核结果。',
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
