import { Alert } from 'antd';
import type { RecoveryView } from '../../core/api/views';
import { call } from '../api/client';
import { useLoad } from '../shared/use-load';
import { showDateTime } from '../shared/time';

type Other = RecoveryView['otherTerminals'][number];

/** What the platform last heard from one of the village's other PCs, and what that means if it is gone. */
function otherLine(o: Other): string {
  const who = `本村${o.terminalNo}号终端${o.hostname ? `（${o.hostname}）` : ''}${o.disabled ? '（已停用）' : ''}`;
  const when = `最后一次联系省级平台是 ${showDateTime(o.lastSeenAt)}`;
  if (o.queueDepth === null) return `${who}${when}，平台不知道它当时还有多少记录没有上报。`;
  if (o.queueDepth === 0) return `${who}${when}，当时所有记录都已上报，没有遗漏。`;
  return `${who}${when}，当时还有 ${o.queueDepth} 条记录没有上报。如果那台电脑已经损坏，这些记录无法恢复，请对照纸质回执和台账重新受理。`;
}

/**
 * After enrollment: what came down from the platform (a second PC of the village, or one replacing a dead
 * one, starts with the village's residents and applications), and what the other PCs had not sent when last heard from.
 */
export function RecoverySummary() {
  const recovery = useLoad(() => call('sync.recovery', {}), []);
  const r = recovery.data;
  if (!r || (r.applications === 0 && r.residents === 0 && r.otherTerminals.length === 0)) return null;
  const restored =
    r.applications + r.residents > 0
      ? `已从省级平台恢复本村的居民 ${r.residents} 人、申请 ${r.applications} 件（其中办理中 ${r.openApplications} 件），扫描件在打开时下载。`
      : '省级平台上还没有本村的居民和申请。';
  const lost = r.otherTerminals.some((o) => (o.queueDepth ?? 1) > 0);
  return (
    <Alert
      type={lost ? 'warning' : 'info'}
      showIcon
      role="status"
      style={{ marginTop: 12, textAlign: 'left' }}
      title={restored}
      description={
        r.otherTerminals.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {r.otherTerminals.map((o) => (
              <li key={o.terminalNo}>{otherLine(o)}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
