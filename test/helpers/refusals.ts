import assert from 'node:assert/strict';
import type { DaibanError } from '../../core/errors';

/**
 * Asserts that `p` (or calling it, which may throw at once) is refused with `code` and a Chinese message, and
 * returns the refusal for more checks.
 */
export async function refused(p: Promise<unknown> | (() => unknown), code: string): Promise<DaibanError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    const err = e as DaibanError;
    assert.equal(err.code, code, `expected ${code}, got ${err.code}: ${err.message}`);
    assert.match(err.message, /[\u4e00-\u9fff]/, 'a refusal speaks Chinese');
    return err;
  }
  assert.fail(`expected a refusal with ${code}`);
}
