import { statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RunningPlatform } from '../index';
import { invalidInput } from '../errors';
import { flag, type Flags } from './commands';

export const TRANSFER_HELP = `  transfer import <U盘文件> [--out <回执文件>]          导入村代办点导出的待上传数据（U盘），写出给该村的回执文件（docs/transfer-files.md）`;

type Out = (line: string) => void;

/** The return file's name beside the outbox file: the stick goes back with both on it. */
function returnPathFor(file: string, village: string, fileId: string): string {
  return join(dirname(file), `daiban-return-${village}-${fileId.slice(-8)}.daiban`);
}

/** `transfer import`: a village's outbox file from a stick, imported like a sync; its return file written. */
export async function transfer(p: RunningPlatform, sub: string | undefined, file: string | undefined, flags: Flags, out: Out): Promise<void> {
  if (sub !== 'import' || !file) throw invalidInput('用法：transfer import <U盘文件> [--out <回执文件>]');
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw invalidInput(`找不到文件 ${file}，请检查路径`);
  }
  if (!isFile) throw invalidInput(`${file} 不是文件，请给出村代办点导出的 .daiban 文件`);
  const done = await p.admin.importTransfer(file);
  const target = flag(flags, 'out', false) ?? returnPathFor(file, done.terminal.divisionCode, done.returnFileId);
  writeFileSync(target, done.returnFile, { mode: 0o600 });
  out(
    `已导入 ${basename(file)}：${done.messages} 条记录（新接收 ${done.tally.accepted}，此前已收到 ${done.tally.duplicate}，未接收 ${done.tally.invalid + done.tally.conflict}），扫描件 ${done.blobs} 份。`,
  );
  out(`回执文件（含 ${done.changes} 条平台下发的变更）已写入 ${target}，请拷回该村代办点，在“网络与同步”中导入。`);
}
