import { readFileSync } from 'node:fs';
import type { CatalogVersion } from '../../core/catalog/model';
import { SEED_CATALOG } from '../../core/catalog/seed';
import type { RunningPlatform } from '../index';
import type { AccountRole } from '../admin';
import { invalidInput } from '../errors';
import { generatePassword } from '../../base/node/passwords';
import { beijingTime, formatTable } from './table';

export type Flags = Record<string, string | boolean | undefined>;
type Out = (line: string) => void;

export function flag(flags: Flags, name: string, required = true): string | undefined {
  const v = flags[name];
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (required) throw invalidInput(`缺少参数 --${name}`);
  return undefined;
}

const ROLE_LABEL: Record<string, string> = {
  village: '村',
  township: '乡镇',
  county: '县',
  cadre: '代办员',
  reviewer: '审核员',
  admin: '管理员',
  it: '运维人员',
};

export async function enrollCode(p: RunningPlatform, flags: Flags, out: Out): Promise<void> {
  const role = flag(flags, 'role')!;
  if (role !== 'village' && role !== 'township' && role !== 'county') throw invalidInput('--role 只能是 village（村）、township（乡镇）或 county（县级）');
  const ttl = flag(flags, 'ttl-hours', false);
  const issued = await p.admin.issueEnrollmentCode({
    divisionCode: flag(flags, 'division')!,
    role,
    servicePointName: flag(flags, 'name')!,
    ...(ttl ? { ttlHours: Number(ttl) } : {}),
  });
  out(`注册码：${issued.code}`);
  out(`区划代码：${issued.divisionCode}（${ROLE_LABEL[role]}级终端）`);
  out(`有效期至：${beijingTime(issued.expiresAt)}（北京时间）`);
  out('注册码只能使用一次，平台不保存明文，请妥善转交服务点。');
}

export async function account(p: RunningPlatform, sub: string | undefined, flags: Flags, out: Out): Promise<void> {
  const username = flag(flags, 'username')!;
  if (sub === 'create') {
    const role = flag(flags, 'role')! as AccountRole;
    const given = flag(flags, 'password', false);
    const password = given ?? generatePassword();
    const a = await p.admin.createAccount({
      username,
      displayName: flag(flags, 'name')!,
      role,
      divisionCode: flag(flags, 'division')!,
      password,
      mustChangePassword: true,
    });
    out(`已创建账号：${a.username}（${a.displayName}，${ROLE_LABEL[a.role] ?? a.role}，区划 ${a.divisionCode}）`);
    if (!given) out(`初始密码：${password}（只显示这一次，请当面交给本人）`);
    out('账号将随下次同步下发到所属区划的终端。');
  } else if (sub === 'disable') {
    const a = await p.admin.disableAccount(username);
    out(`已停用账号：${a.username}（${a.displayName}），下次同步后终端上也无法登录。`);
  } else if (sub === 'reset-password') {
    const given = flag(flags, 'password', false);
    const password = given ?? generatePassword();
    const a = await p.admin.resetPassword(username, password);
    out(`已重置密码：${a.username}（${a.displayName}）`);
    if (!given) out(`新密码：${password}（只显示这一次）`);
  } else {
    throw invalidInput('account 的子命令只能是 create、disable 或 reset-password');
  }
}

export async function catalog(p: RunningPlatform, sub: string | undefined, flags: Flags, out: Out): Promise<void> {
  if (sub !== 'publish') throw invalidInput('catalog 的子命令只能是 publish');
  let value: unknown;
  if (flags.seed === true) {
    value = SEED_CATALOG;
  } else {
    const file = flag(flags, 'file', false);
    if (!file) throw invalidInput('请用 --file <事项目录JSON文件> 或 --seed 指定要发布的目录');
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw invalidInput(`无法读取事项目录文件 ${file}：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : '不是有效的 JSON'}`);
    }
  }
  const r = await p.admin.publishCatalog(value as CatalogVersion);
  out(r.published ? `已发布事项目录 ${r.version}（${r.items} 个事项），终端将在下次同步时收到。` : `事项目录 ${r.version} 此前已发布，内容相同，未重复发布。`);
}

export async function terminals(p: RunningPlatform, out: Out): Promise<void> {
  const rows = await p.admin.listTerminals();
  if (rows.length === 0) {
    out('尚无已注册的终端。');
    return;
  }
  out(
    formatTable(
      ['终端ID', '区划代码', '角色', '序号', '服务点', '版本', '待发', '最后在线', '最后同步', '审计告警', '状态'],
      rows.map((t) => [
        t.id,
        t.divisionCode,
        ROLE_LABEL[t.role] ?? t.role,
        String(t.terminalNo).padStart(2, '0'),
        t.servicePointName,
        t.appVersion ?? '—',
        t.queueDepth === null ? '—' : String(t.queueDepth),
        beijingTime(t.lastSeenAt),
        beijingTime(t.lastSyncAt),
        t.auditAlert ? '是' : '否',
        t.disabled ? '已停用' : '正常',
      ]),
    ),
  );
  out(`共 ${rows.length} 台终端（时间为北京时间）。`);
}
