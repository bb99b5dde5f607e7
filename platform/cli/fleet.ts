import { FLEET_FLAG_LABELS, FLEET_FLAGS, type FleetTerminalView } from '../../core/admin/api';
import { AUDIT_FINDING_LABEL } from '../../core/sync/audit';
import { invalidInput } from '../errors';
import type { RunningPlatform } from '../index';
import { flag, type Flags } from './commands';
import { beijingTime, formatTable } from './table';

/** Lines for the command line's help (aligned like the others in platform/cli/main.ts). */
export const FLEET_HELP = `  fleet [--flagged] [--division <区划代码>]         终端运行状况：版本、心跳、待同步、磁盘、时钟和异常标记
                                                    （--flagged 只列有标记的终端，--division 只列该区划内的）`;

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  const gib = bytes / 1024 ** 3;
  return gib >= 1 ? `${gib.toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

/** "+7分12秒" (the PC runs fast), "-45秒" (slow), "0秒". */
export function formatSkew(seconds: number | null): string {
  if (seconds === null) return '—';
  const sign = seconds > 0 ? '+' : seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const text = d > 0 ? `${d}天${h}小时` : h > 0 ? `${h}小时${m}分` : m > 0 ? `${m}分${s % 60}秒` : `${s}秒`;
  return sign + text;
}

function queue(t: FleetTerminalView): string {
  if (t.queueDepth === null) return '—';
  return t.invalidCount ? `${t.queueDepth}（退回${t.invalidCount}）` : String(t.queueDepth);
}

export async function fleet(p: RunningPlatform, sub: string | undefined, flags: Flags, out: (line: string) => void): Promise<void> {
  if (sub !== undefined) throw invalidInput('fleet 没有子命令；可用参数为 --flagged 和 --division');
  const division = flag(flags, 'division', false);
  const report = await p.fleet({ division, flaggedOnly: flags.flagged === true });
  const scope = division ? `区划 ${division} 内` : '';
  if (report.terminals.length === 0) {
    out(flags.flagged === true ? `${scope}没有带异常标记的终端。` : `${scope}尚无已注册的终端。`);
    return;
  }
  out(
    formatTable(
      ['终端', '服务点', '区划', '版本', '最近心跳', '待同步', '最近同步', '剩余磁盘', '时钟偏差', '标记'],
      report.terminals.map((t) => [
        t.id,
        t.servicePointName,
        t.divisionCode,
        t.appVersion ?? '—',
        beijingTime(t.lastHeartbeatAt),
        queue(t),
        beijingTime(t.lastSyncAt),
        formatBytes(t.freeDiskBytes),
        formatSkew(t.clockSkewSeconds),
        t.flags.map((f) => FLEET_FLAG_LABELS[f]).join('、') || '—',
      ]),
    ),
  );
  for (const t of report.terminals) {
    if (t.storeNotice) out(`数据版本：${t.servicePointName}（${t.id}）${t.storeNotice.message}（${beijingTime(t.storeNotice.at)}）`);
    for (const f of t.auditFindings)
      out(`审计告警：${t.servicePointName}（${t.id}）${AUDIT_FINDING_LABEL[f.kind]}：${f.detail}（发现于 ${beijingTime(f.foundAt)}）`);
  }
  const summary = FLEET_FLAGS.filter((f) => report.flagCounts[f] > 0).map((f) => `${FLEET_FLAG_LABELS[f]} ${report.flagCounts[f]} 台`);
  out(`${scope}共 ${report.terminals.length} 台终端（时间为北京时间）。`);
  out(summary.length > 0 ? `异常标记：${summary.join('；')}。` : '所有终端均无异常标记。');
}
