import { readFileSync, statSync } from 'node:fs';
import { DIVISION_LIST_MAX_BYTES, parseDivisionList } from '../../core/divisions/list-file';
import { seedDivisions } from '../../core/divisions/seed';
import type { RunningPlatform } from '../index';
import { invalidInput } from '../errors';
import { flag, type Flags } from './commands';

/** Lines for the command line's help (aligned like the others in platform/cli/main.ts). */
export const DIVISIONS_HELP = `  divisions load --file <区划文件> | --seed          导入区划名称（每行“代码,名称”或 JSON；--seed 为演示用的瑞金市）`;

type Out = (line: string) => void;

/** `divisions load`: names from a county's list; the lines that cannot be read are listed, the rest load. */
export async function divisions(p: RunningPlatform, sub: string | undefined, flags: Flags, out: Out): Promise<void> {
  if (sub !== 'load') throw invalidInput('用法：divisions load --file <区划文件> | --seed');
  const parsed = flags.seed === true ? { divisions: seedDivisions(), problems: [] } : parseDivisionList(readList(flag(flags, 'file')!));
  for (const problem of parsed.problems.slice(0, 20)) out(`第${problem.line}行未导入：${problem.message}`);
  if (parsed.problems.length > 20) out(`……另有${parsed.problems.length - 20}行未导入`);
  if (parsed.divisions.length === 0) throw invalidInput('文件中没有可以导入的区划');
  const r = await p.admin.loadDivisions(parsed.divisions);
  out(`已导入区划 ${parsed.divisions.length} 个：新增 ${r.added}，改名 ${r.renamed}，未变 ${r.unchanged}；终端将在下次同步时收到。`);
}

function readList(path: string): string {
  if (statSync(path).size > DIVISION_LIST_MAX_BYTES) throw invalidInput(`文件太大（超过${DIVISION_LIST_MAX_BYTES / 1024 / 1024} MB），请按县拆分后分别导入`);
  return readFileSync(path, 'utf8');
}
