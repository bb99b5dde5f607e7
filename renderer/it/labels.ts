import type { AccountRoleName, FleetFlag, ReleasePlatform, ReleaseState } from '../../core/admin/api';
import { showDateTime } from '../shared/time';

/** Tag colours of the fleet's flags: red needs someone to go there, orange needs a look. */
export const FLAG_COLOR: Record<FleetFlag, string> = {
  silent: 'red',
  conflicts: 'volcano',
  clock_skew: 'orange',
  disk_low: 'red',
  audit_alert: 'magenta',
  store_version: 'orange',
  disabled: 'default',
};

export const ACCOUNT_ROLE_LABEL: Record<AccountRoleName, string> = {
  cadre: '代办员',
  reviewer: '审核员',
  admin: '管理员',
  it: '运维人员',
};

export const ACCOUNT_ROLE_COLOR: Record<AccountRoleName, string> = {
  cadre: 'blue',
  reviewer: 'cyan',
  admin: 'gold',
  it: 'purple',
};

export const TERMINAL_ROLE_LABEL = { village: '村代办点', township: '乡镇审核', county: '县级查看' } as const;

export const RELEASE_STATE: Record<ReleaseState, { label: string; color: string }> = {
  active: { label: '发布中', color: 'green' },
  paused: { label: '已暂停', color: 'orange' },
  rolled_back: { label: '已回滚', color: 'red' },
};

export const PLATFORM_LABEL: Record<ReleasePlatform, string> = {
  win: 'Windows',
  linux: 'Linux x64',
  'linux-arm64': 'Linux arm64',
};

/** 1.2 GB / 850 MB, for free disk space. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  const gb = bytes / 1024 ** 3;
  if (gb >= 1) return `${gb >= 100 ? gb.toFixed(0) : gb.toFixed(1)} GB`;
  return `${Math.round(bytes / 1024 ** 2)} MB`;
}

/** "快2分10秒" / "慢40秒" / "准确": the terminal's clock against the platform's. */
export function formatSkew(seconds: number | null): string {
  if (seconds === null) return '—';
  const abs = Math.abs(Math.round(seconds));
  if (abs < 5) return '准确';
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  const text = h > 0 ? `${h}小时${m}分` : m > 0 ? `${m}分${s}秒` : `${s}秒`;
  return `${seconds > 0 ? '快' : '慢'}${text}`;
}

/** "刚刚" / "12分钟前" / "3小时前" / "5天前", measured from `now`. */
export function ago(iso: string | null, now: number): string {
  if (!iso) return '从未';
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return '—';
  if (ms < 60_000) return '刚刚';
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)}分钟前`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)}小时前`;
  return `${Math.floor(ms / 86_400_000)}天前`;
}

export { showDateTime };

/** The platform stores divisions padded to 12 digits (360781000000); people read the short code (360781). */
export function shortDivision(code: string): string {
  let c = code;
  if (c.length === 12 && c.endsWith('000')) c = c.slice(0, 9);
  if (c.length === 9 && c.endsWith('000')) c = c.slice(0, 6);
  if (c.length === 6 && c.endsWith('00')) c = c.slice(0, 4);
  if (c.length === 4 && c.endsWith('00')) c = c.slice(0, 2);
  return c;
}
