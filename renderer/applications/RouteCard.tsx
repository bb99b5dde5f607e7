import { Alert, Card, Steps } from 'antd';
import type { RouteView } from '../../core/api/views';

const STEP_STATUS = { done: 'finish', current: 'process', todo: 'wait', stopped: 'error' } as const;

/**
 * 办理进度: the item's route (村受理 → 乡镇审核 → 公示 → 县级审批) and where the application stands; a notice
 * (公示) shows its dates and the days left. Items with one level show two steps.
 */
export function RouteCard({ route }: { route: RouteView }) {
  const n = route.notice;
  return (
    <Card size="small" title="办理进度" style={{ marginBottom: 12 }}>
      <Steps
        size="small"
        items={route.steps.map((s) => ({ title: s.label, status: STEP_STATUS[s.state] }))}
        aria-label={`办理进度：${route.steps.map((s) => `${s.label}${s.state === 'current' ? '（当前）' : s.state === 'stopped' ? '（止于此）' : ''}`).join('，')}`}
      />
      {n && (
        <Alert
          style={{ marginTop: 12 }}
          type={n.state === 'running' ? 'info' : n.state === 'ended' ? 'success' : 'warning'}
          showIcon
          title={
            n.state === 'running'
              ? `公示中：${n.startsOn} 至 ${n.endsOn}，还剩 ${n.daysLeft ?? 0} 天（含今天）。请在村务公开栏张贴公示。`
              : n.state === 'ended'
                ? `公示期满：${n.startsOn} 至 ${n.endsOn}，已报县级审批`
                : `公示已终止（${n.startsOn} 至 ${n.endsOn}）`
          }
        />
      )}
    </Card>
  );
}
