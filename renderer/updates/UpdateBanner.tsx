import { useState } from 'react';
import { Alert, Button, Modal, Progress, Tooltip, Typography } from 'antd';
import { call, errorMessage } from '../api/client';
import { useNav } from '../app/nav';
import { flushPendingSaves } from '../app/pending-saves';
import { isFormRoute } from './form-guard';
import { useUpdateStatus } from './update-store';

const BUSY_HINT = '正在填写表单时不能重启。请先完成或离开当前表单，再重启安装。';

/**
 * Under the top bar: a downloaded update ("installs on the next start", or now when the cadre agrees, never
 * from inside a form), and a quiet progress line while one downloads. Nothing otherwise, and nothing in the
 * browser host (no updater there).
 */
export function UpdateBanner() {
  const status = useUpdateStatus();
  const { route } = useNav();
  const [restarting, setRestarting] = useState(false);
  if (!status?.supported) return null;

  if (status.state === 'downloading' && status.availableVersion) {
    return (
      <div
        role="status"
        aria-label="正在下载新版本"
        style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '2px 24px', fontSize: 12, color: '#8c8c8c' }}
      >
        <span>正在后台下载新版本 {status.availableVersion}</span>
        <Progress percent={status.downloadPercent ?? 0} size="small" showInfo={false} style={{ width: 120, margin: 0 }} />
        <span>{status.downloadPercent ?? 0}%</span>
      </div>
    );
  }
  if (status.state !== 'ready' || !status.readyVersion) return null;

  const version = status.readyVersion;
  const inForm = isFormRoute(route);
  const confirmInstall = () =>
    Modal.confirm({
      title: '现在重启并安装新版本？',
      content: `代办终端将关闭，安装版本 ${version} 后自动重新打开，大约需要一两分钟。已保存的数据不受影响。`,
      okText: '重启并安装',
      cancelText: '暂不',
      onOk: async () => {
        try {
          // Drafts with changes not yet saved land before the station closes.
          await flushPendingSaves();
          await call('updates.install', {});
          setRestarting(true);
        } catch (e) {
          Modal.error({ title: '暂时不能安装', content: errorMessage(e) });
        }
      },
    });

  return (
    <Alert
      type="info"
      showIcon
      banner
      style={{ paddingInline: 24 }}
      title={
        <span>
          新版本 {version} 已下载，下次启动时自动安装。
          {status.releaseNotes && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: status.releaseNotes }} style={{ marginInlineStart: 8, maxWidth: 480 }}>
              {status.releaseNotes}
            </Typography.Text>
          )}
        </span>
      }
      action={
        restarting ? (
          <span role="status">正在重启…</span>
        ) : (
          <Tooltip title={inForm ? BUSY_HINT : undefined}>
            {/* A disabled button swallows pointer events: the span keeps the tooltip working. */}
            <span>
              <Button size="small" type="primary" disabled={inForm} onClick={confirmInstall}>
                现在重启并安装
              </Button>
            </span>
          </Tooltip>
        )
      }
    />
  );
}
