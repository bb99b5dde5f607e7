import { Button, Typography } from 'antd';
import { CheckCircleOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { shanghaiClock } from '../shared/time';
import type { SaveState } from './use-autosave';

/** "已自动保存 HH:mm:ss" — shown only when everything typed so far is in the store. */
export function SaveIndicator({ state, onRetry }: { state: SaveState; onRetry(): void }) {
  let body: React.ReactNode;
  switch (state.kind) {
    case 'idle':
      body = <Typography.Text type="secondary">{state.lastSaved ? `上次保存于 ${shanghaiClock(state.lastSaved)}` : '填写的内容会自动保存'}</Typography.Text>;
      break;
    case 'dirty':
      body = <Typography.Text type="secondary">有修改，稍后自动保存…</Typography.Text>;
      break;
    case 'saving':
      body = (
        <Typography.Text type="secondary">
          <LoadingOutlined /> 正在保存…
        </Typography.Text>
      );
      break;
    case 'saved':
      body = (
        <Typography.Text type="success">
          <CheckCircleOutlined /> 已自动保存 {shanghaiClock(state.at)}
        </Typography.Text>
      );
      break;
    case 'error':
      body = (
        <Typography.Text type="danger">
          <ExclamationCircleOutlined /> 自动保存失败：{state.message}{' '}
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        </Typography.Text>
      );
      break;
  }
  return (
    <span role="status" aria-label="保存状态" aria-live="polite" style={{ fontSize: 15 }}>
      {body}
    </span>
  );
}
