import { readFileSync } from 'node:fs';
import { invalidInput } from '../errors';

/** A small JSON file IT staff wrote (a year's holidays, a connector): too big or not JSON is said in Chinese. */
export function readJsonFile(path: string, o: { maxChars: number; tooBig: string; notJson: string }): unknown {
  const text = readFileSync(path, 'utf8');
  if (text.length > o.maxChars) throw invalidInput(o.tooBig);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidInput(o.notJson);
  }
}
