import { DaibanError } from '../../core/errors';

/**
 * The opaque "next page" token of a keyset-paged list: the last row's sort time and id. The client only
 * hands it back; one that does not decode is a refusal in Chinese, not a crash.
 */
export function encodePageCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

export function decodePageCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id) throw new DaibanError('INVALID_INPUT', '翻页参数不正确，请刷新列表。');
  return { at, id };
}
