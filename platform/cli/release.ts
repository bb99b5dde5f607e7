import type { ReleaseState, ReleaseView } from '../../core/admin/api';
import { invalidInput } from '../errors';
import { compareVersions } from '../../core/versions';
import type { RunningPlatform } from '../index';
import { flag, type Flags } from './commands';
import { beijingTime, formatTable } from './table';

/** Lines for the command line's help (aligned like the others in platform/cli/main.ts). */
export const RELEASE_HELP = `  release publish --dir <打包输出目录> [--channel stable] [--version 1.2.0] [--percentage 100]
          [--division 3607,360730] [--notes <更新说明>] [--store-schema <n>]
                                                    发布新版本（安装包与差分块映射存入发布目录，并生成更新清单；
                                                    数据结构版本取自目录中的 daiban-release.json，或用 --store-schema 给出）
  release list [--channel <通道>]                   列出已发布的版本
  release pause|resume|rollback --id <发布编号>     暂停推送 / 恢复推送 / 回退到上一个版本
  release stage --id <发布编号> --percentage <1-100> [--division 3607,360730]
                                                    调整推送比例和限定区划（不给 --division 即不限区划）
  release channel --terminal <终端ID> --channel <通道>
                                                    把终端改到另一个更新通道（如 beta 试点）`;

type Out = (line: string) => void;

const STATE_LABEL: Record<ReleaseState, string> = { active: '推送中', paused: '已暂停', rolled_back: '已回退' };
const PLATFORM_LABEL: Record<string, string> = { win: 'Windows', linux: 'Linux', 'linux-arm64': 'Linux ARM' };

function storeSchemaFlag(flags: Flags): number | undefined {
  const raw = flag(flags, 'store-schema', false);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw invalidInput('--store-schema 应为正整数（该版本终端数据结构的版本号）');
  return n;
}

function percentageFlag(flags: Flags, required: boolean): number | undefined {
  const raw = flag(flags, 'percentage', required);
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(/%$/, ''));
  if (!Number.isInteger(n) || n < 1 || n > 100) throw invalidInput('--percentage 应为1到100之间的整数');
  return n;
}

function divisionsFlag(flags: Flags): string[] {
  const raw = flag(flags, 'division', false);
  return raw ? raw.split(/[,，\s]+/).filter((d) => d !== '') : [];
}

function scope(r: ReleaseView): string {
  const share = r.stagingPercentage === 100 ? '全部终端' : `${r.stagingPercentage}%的终端`;
  return r.stagingDivisions.length ? `区划 ${r.stagingDivisions.join('、')} 内${share}` : share;
}

function describe(r: ReleaseView, out: Out): void {
  out(`发布编号：${r.id}（通道 ${r.channel}，版本 ${r.version}，${STATE_LABEL[r.state]}）`);
  out(`推送范围：${scope(r)}`);
  out(
    r.storeSchema === null
      ? '终端数据结构版本：未声明（回退到此版本时，终端按自己的升级记录判断能否打开数据）'
      : `终端数据结构版本：第${r.storeSchema}版（数据更新的终端不会回退到此版本）`,
  );
  for (const f of r.files) out(`  ${PLATFORM_LABEL[f.platform] ?? f.platform}  ${f.name}（${(f.size / 1024 ** 2).toFixed(1)} MB）`);
}

export async function release(p: RunningPlatform, sub: string | undefined, flags: Flags, out: Out): Promise<void> {
  switch (sub) {
    case 'publish': {
      const r = await p.releases.publish({
        dir: flag(flags, 'dir')!,
        channel: flag(flags, 'channel', false) ?? 'stable',
        version: flag(flags, 'version', false),
        percentage: percentageFlag(flags, false),
        divisions: divisionsFlag(flags),
        notes: flag(flags, 'notes', false),
        storeSchema: storeSchemaFlag(flags),
      });
      out('已发布新版本，终端将在下次检查更新时收到。');
      describe(r, out);
      return;
    }
    case 'list': {
      const rows = await p.releases.list(flag(flags, 'channel', false));
      if (rows.length === 0) {
        out('尚未发布任何版本。');
        return;
      }
      out(
        formatTable(
          ['发布编号', '通道', '版本', '状态', '推送范围', '已安装', '发布时间'],
          rows.map((r) => [r.id, r.channel, r.version, STATE_LABEL[r.state], scope(r), String(r.installedCount), beijingTime(r.publishedAt)]),
        ),
      );
      out(`共 ${rows.length} 个发布（时间为北京时间；“已安装”为心跳报告该版本的终端数）。`);
      return;
    }
    case 'pause': {
      const r = await p.releases.pause(flag(flags, 'id')!);
      out(`已暂停推送 ${r.id}：尚未更新的终端不会再收到它，已更新的终端保持不变。`);
      return;
    }
    case 'resume': {
      const r = await p.releases.resume(flag(flags, 'id')!);
      out(`已恢复推送 ${r.id}（${scope(r)}）。`);
      return;
    }
    case 'rollback': {
      const r = await p.releases.rollback(flag(flags, 'id')!);
      const earlier = (await p.releases.list(r.channel)).filter((o) => o.state !== 'rolled_back' && compareVersions(o.version, r.version) < 0);
      const back = earlier
        .map((o) => o.version)
        .sort(compareVersions)
        .pop();
      out(`已回退 ${r.id}：通道 ${r.channel} 改为推送版本 ${back ?? '—'}，已安装 ${r.version} 的终端会在下次检查更新时退回到该版本。`);
      return;
    }
    case 'stage': {
      const r = await p.releases.setStaging(flag(flags, 'id')!, { percentage: percentageFlag(flags, true)!, divisions: divisionsFlag(flags) });
      out(`已调整 ${r.id} 的推送范围：${scope(r)}。`);
      return;
    }
    case 'channel': {
      const terminal = flag(flags, 'terminal')!;
      const channel = flag(flags, 'channel')!;
      await p.releases.setTerminalChannel(terminal, channel);
      out(`终端 ${terminal} 已改到更新通道 ${channel}，下次检查更新时生效。`);
      return;
    }
    default:
      throw invalidInput('release 的子命令只能是 publish、list、pause、resume、rollback、stage 或 channel');
  }
}
