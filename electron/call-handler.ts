import { isStationMethod, parseStationInput } from '../core/api/schemas';
import { toErrorBody } from '../core/errors';
import type { Station } from '../station/station';
import type { CallResult } from './bridge-protocol';

/**
 * One `station:call` from the renderer, without Electron (so Node tests cover it): the method must exist,
 * the input must pass the method's zod schema (DESIGN.md §3: checked here, at the IPC boundary, and again
 * by the station), and every outcome becomes a CallResult, never a throw.
 */
export async function handleCall(station: Station, method: unknown, input: unknown): Promise<CallResult> {
  if (typeof method !== 'string' || !isStationMethod(method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的操作：${String(method)}` } };
  }
  try {
    parseStationInput(method, input);
    // The raw input, not the parsed one: the station applies defaults and transforms itself.
    return { ok: true, value: await station.call(method, input as never) };
  } catch (e) {
    // The station has already logged anything unexpected; the renderer gets the Chinese refusal.
    return { ok: false, error: toErrorBody(e) };
  }
}
