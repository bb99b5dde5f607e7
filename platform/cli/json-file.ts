import { readFileSync, statSync } from 'node:fs';
import { invalidInput } from '../errors';

/**
 * A small JSON file IT staff wrote (a year's holidays, a connector): missing, a directory, too big or not JSON
 * is said in Chinese. The size is checked before reading (a UTF-8 character is at most 4 bytes).
 */
export function readJsonFile(path: string, o: { maxChars: number; tooBig: string; notJson: string }): unknown {
  let text: string;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw invalidInput(`${path} 不是文件，请给出 JSON 文件的路径`);
    if (stat.size > o.maxChars * 4) throw invalidInput(o.tooBig);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw invalidInput(`找不到文件 ${path}，请检查路径`);
    if (code === 'EACCES' || code === 'EPERM') throw invalidInput(`没有权限读取文件 ${path}`);
    throw e;
  }
  if (text.length > o.maxChars) throw invalidInput(o.tooBig);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidInput(o.notJson);
  }
}
