import type { RunningPlatform } from '../index';
import { invalidInput } from '../errors';
import { flag, type Flags } from './commands';
import { readJsonFile } from './json-file';

/** Lines for the command line's help (aligned like the others in platform/cli/main.ts). */
export const GATEWAY_HELP = `  gateway set --file <接口配置JSON>                  新增或修改与省级政务服务平台的对接接口（docs/gateway.md）
  gateway status                                    各对接接口的交件情况：已交、待交、重试中及最近的错误
  gateway enable|disable --name <接口名称>          启用或停用对接接口（停用期间待交的办件保留）
  gateway deliver                                   立即交出到期的办件
  gateway backfill --name <接口名称>                 把接口建立之前已收到的申请也排入待交（已交的不重复）`;

type Out = (line: string) => void;

/** `gateway …`: connectors to the province's own platform (platform/gateway). */
export async function gateway(p: RunningPlatform, sub: string | undefined, flags: Flags, out: Out): Promise<void> {
  switch (sub) {
    case 'set': {
      const config = await p.gateway.setConnector(readConfig(flag(flags, 'file')!));
      out(`已保存对接接口“${config.name}”（${config.url}${config.reviewExternally ? '，审核在省级平台进行' : ''}），此后到达的申请将交给它。`);
      return;
    }
    case 'enable':
    case 'disable':
      await p.gateway.setEnabled(flag(flags, 'name')!, sub === 'enable');
      out(`已${sub === 'enable' ? '启用' : '停用'}对接接口“${flag(flags, 'name')}”。`);
      return;
    case 'backfill': {
      const n = await p.gateway.backfill(flag(flags, 'name')!);
      out(`已把 ${n} 件此前收到的申请排入对接接口“${flag(flags, 'name')}”的待交队列。`);
      return;
    }
    case 'deliver': {
      const r = await p.gateway.deliverNow();
      out(`本次交出 ${r.delivered} 件，未成功 ${r.failed} 件（稍后自动重试）。`);
      return;
    }
    case 'status': {
      const list = await p.gateway.status();
      if (list.length === 0) out('尚未配置对接接口。');
      for (const c of list) {
        out(`${c.name}  ${c.enabled ? '启用' : '停用'}  ${c.url}`);
        out(
          `  已交 ${c.delivered} 件，待交 ${c.waiting} 件（其中重试中 ${c.retrying} 件）${c.oldestWaitingSince ? `，最早一件自 ${c.oldestWaitingSince} 起等待` : ''}`,
        );
        for (const e of c.lastErrors) out(`  申请 ${e.applicationId}：第 ${e.attempts} 次未成功，${e.error}；下次重试 ${e.nextAttemptAt}`);
      }
      return;
    }
    default:
      throw invalidInput('用法：gateway set --file <接口配置JSON> | status | enable|disable --name <接口名称> | deliver | backfill --name <接口名称>');
  }
}

function readConfig(path: string): unknown {
  return readJsonFile(path, { maxChars: 64 * 1024, tooBig: '接口配置文件太大', notJson: '接口配置文件不是有效的 JSON，请参照 docs/gateway.md 的格式' });
}
