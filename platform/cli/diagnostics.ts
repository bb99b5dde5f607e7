import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { diagnosticsBundleSchema, type DiagnosticsBundle } from '../../core/diagnostics/bundle';
import type { RunningPlatform } from '../index';
import { invalidInput, notFound } from '../errors';
import { flag, type Flags } from './commands';
import { beijingTime } from './table';

/** Lines for the command line's help (aligned like the others in platform/cli/main.ts). */
export const DIAGNOSTICS_HELP = `  diagnostics request --terminal <终端ID>           请终端上传诊断包（终端下次同步时上传，不含个人信息）
  diagnostics get --terminal <终端ID> [--out <文件>]
                                                    查看终端最近上传的诊断包摘要；给 --out 时保存全文
                                                    （文件名以 .gz 结尾时按 gzip 压缩保存）`;

type Out = (line: string) => void;

const yesNo = (ok: boolean) => (ok ? '正常' : '异常');

function describe(b: DiagnosticsBundle, out: Out): void {
  const t = b.terminal;
  const q = b.queue;
  const i = b.integrity;
  out(`服务点：${t.servicePointName ?? '—'}（区划 ${t.divisionCode ?? '—'}，${t.terminalNo ?? '—'}号终端）`);
  out(`软件版本：${t.appVersion}，数据库结构 v${t.schemaVersion}，事项目录 ${t.catalogVersion ?? '—'}`);
  out(`运行环境：${b.runtime.os.platform} ${b.runtime.os.arch}，Node ${b.runtime.node}${b.runtime.electron ? `，Electron ${b.runtime.electron}` : ''}`);
  out(
    `完整性：${yesNo(i.ok)}（结构检查${yesNo(i.quickCheck.ok)}，外键问题 ${i.foreignKeyViolations} 处，审计链${yesNo(i.auditChain.ok)}，共 ${i.auditChain.entries} 条）`,
  );
  out(
    `待上传：${q.outbox.pending} 条（最早 ${beijingTime(q.outbox.oldestPendingAt)}），被拒 ${q.outbox.invalid} 条，冲突 ${q.outbox.conflict} 条，附件待传 ${q.blobs.pendingUpload} 个`,
  );
  out(
    `上次同步成功：${beijingTime(b.sync.lastSuccessAt)}；连续失败 ${b.sync.consecutiveFailures ?? '—'} 次${b.sync.lastError ? `；最近错误：${b.sync.lastError}` : ''}`,
  );
  out(`日志：${b.logs.lines.length} 行${b.logs.truncated ? '（较早的已省略）' : ''}，隐去个人信息 ${b.logs.redactions} 处`);
}

export async function diagnostics(p: RunningPlatform, sub: string | undefined, flags: Flags, out: Out): Promise<void> {
  const terminal = flag(flags, 'terminal')!;
  if (sub === 'request') {
    const r = await p.diagnostics.request(terminal);
    out(`已请求诊断包：终端 ${r.terminalId}（${beijingTime(r.requestedAt)}）`);
    out('终端下次同步（联网时约每分钟一次）会上传诊断包，之后用 diagnostics get 查看。');
  } else if (sub === 'get') {
    const latest = await p.diagnostics.latest(terminal);
    if (!latest) throw notFound('该终端还没有上传过诊断包，请先运行 diagnostics request 并等待终端同步');
    const parsed = diagnosticsBundleSchema.safeParse(latest.bundle);
    out(`诊断包收到时间：${beijingTime(latest.receivedAt)}（生成于 ${parsed.success ? beijingTime(parsed.data.createdAt) : '—'}）`);
    if (parsed.success) describe(parsed.data, out);
    else out('诊断包格式无法识别（可能来自更新版本的终端软件），可用 --out 保存后查看原文。');
    const file = flag(flags, 'out', false);
    if (file) {
      const path = resolve(file);
      const json = JSON.stringify(latest.bundle, null, 2);
      writeFileSync(path, path.endsWith('.gz') ? gzipSync(json) : json);
      out(`已保存到：${path}`);
    }
  } else {
    throw invalidInput('diagnostics 的子命令只能是 request 或 get');
  }
}
