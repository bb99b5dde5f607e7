import { useState } from 'react';
import { Alert, Button } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import type { SyncStatusView } from '../../core/api/views';
import { call, errorMessage } from '../api/client';
import { refreshSyncStatus, setSyncStatus } from './sync-store';

/** How the last 立即同步 went; shown until the agent's next attempt makes it old news. */
type Outcome = { ok: boolean; text: string; attemptAt: string | null };

function outcomeOf(s: SyncStatusView): Outcome {
  const attemptAt = s.lastAttemptAt;
  if (s.lastError) return { ok: false, text: `本次同步没有完成：${s.lastError}`, attemptAt };
  if (s.pending === 0 && s.pendingBlobs === 0) return { ok: true, text: '同步完成，所有记录都已上传到省级平台。', attemptAt };
  return { ok: true, text: `同步完成，还有 ${s.pending} 条记录、${s.pendingBlobs} 个附件待上传，将自动继续。`, attemptAt };
}

/** 立即同步: runs a sync now and says how it went; the station pushes progress meanwhile. */
export function SyncNowButton({ status }: { status: SyncStatusView }) {
  const syncing = status.syncing;
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async () => {
    setRunning(true);
    setOutcome(null);
    try {
      const s = await call('sync.now', {});
      setSyncStatus(s);
      setOutcome(outcomeOf(s));
    } catch (e) {
      const now = await refreshSyncStatus();
      setOutcome({ ok: false, text: errorMessage(e), attemptAt: now?.lastAttemptAt ?? status.lastAttemptAt });
    } finally {
      setRunning(false);
    }
  };

  return (
    <div>
      <Button type="primary" size="large" block icon={<SyncOutlined />} loading={running || syncing} onClick={run}>
        {running || syncing ? '正在同步…' : '立即同步'}
      </Button>
      {outcome && !running && outcome.attemptAt === status.lastAttemptAt && (
        <Alert style={{ marginTop: 12 }} type={outcome.ok ? 'success' : 'error'} showIcon role={outcome.ok ? 'status' : 'alert'} title={outcome.text} />
      )}
    </div>
  );
}
