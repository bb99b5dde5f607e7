import type { SyncPhase, SyncStatusView } from '../../core/api/views';

/** The words the sync panel uses, in one place. */

export const PHASE_LABELS: Record<SyncPhase, string> = {
  idle: '空闲',
  probing: '检测网络',
  blobs: '上传附件',
  outbox: '上传申请',
  changes: '接收更新',
  heartbeat: '报告状态',
};

export type Connection = 'unenrolled' | 'online' | 'offline' | 'unknown';

export function connectionOf(s: SyncStatusView | null): Connection {
  if (!s) return 'unknown';
  if (!s.enrolled) return 'unenrolled';
  if (s.online === null) return 'unknown';
  return s.online ? 'online' : 'offline';
}

export const CONNECTION_LABELS: Record<Connection, string> = {
  unenrolled: '未接入省级平台',
  online: '已连接',
  offline: '离线',
  unknown: '未检测',
};

/** 'AntD tag colour' per connection state. */
export const CONNECTION_COLORS: Record<Connection, string> = {
  unenrolled: 'default',
  online: 'success',
  offline: 'warning',
  unknown: 'default',
};

/** "上传申请 3/10" while syncing; the phase alone when it cannot be counted. */
export function phaseText(s: SyncStatusView): string {
  const label = PHASE_LABELS[s.phase] ?? '正在同步';
  return s.progress && s.progress.total > 0 ? `${label} ${s.progress.done}/${s.progress.total}` : label;
}
