import { STATUTORY_2027 } from '../../core/calendar-year';
import type { RunningPlatform } from '../index';
import { invalidInput } from '../errors';
import { flag, type Flags } from './commands';
import { readJsonFile } from './json-file';

/** Lines for the command line's help (aligned like the others in platform/cli/main.ts). */
export const CALENDAR_HELP = `  calendar publish --file <节假日JSON> | --seed     发布一年的节假日安排（国务院办公厅通知；--seed 为2027年法定节假日）`;

type Out = (line: string) => void;

/** `calendar publish`: one year's holidays and 调休 workdays, to every terminal (docs/calendar.md). */
export async function calendar(p: RunningPlatform, sub: string | undefined, flags: Flags, out: Out): Promise<void> {
  if (sub !== 'publish') throw invalidInput('用法：calendar publish --file <节假日JSON> | --seed');
  const year = flags.seed === true ? STATUTORY_2027 : readYear(flag(flags, 'file')!);
  const r = await p.admin.publishCalendarYear(year);
  if (!r.published) out(`${r.year}年的节假日安排与已发布的相同，未重复发布。`);
  else out(`已${r.replaced ? '更新' : '发布'}${r.year}年的节假日安排，终端将在下次同步时收到。`);
}

function readYear(path: string): unknown {
  return readJsonFile(path, {
    maxChars: 64 * 1024,
    tooBig: '节假日文件太大，一个文件只写一年的安排',
    notJson: '节假日文件不是有效的 JSON，请参照 docs/calendar.md 的格式',
  });
}
