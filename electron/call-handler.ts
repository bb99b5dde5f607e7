import type { z } from 'zod';
import { isStationMethod, stationMethods } from '../core/api/schemas';
import type { StationErrorBody } from '../core/api/station-api';
import { isDaibanError } from '../core/errors';
import type { Station } from '../station/station';
import type { CallResult } from './bridge-protocol';

/**
 * One `station:call` from the renderer, without Electron (so Node tests cover it): the method must exist,
 * the input must pass the method's zod schema, and every outcome becomes a CallResult, never a throw.
 */

function refusal(error: StationErrorBody): CallResult {
  return { ok: false, error };
}

function invalidInput(error: z.ZodError): StationErrorBody {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  return { code: 'INVALID_INPUT', message: Object.values(fields)[0] ?? '输入内容不正确', details: { fields } };
}

export async function handleCall(station: Station, method: unknown, input: unknown): Promise<CallResult> {
  if (typeof method !== 'string' || !isStationMethod(method)) {
    return refusal({ code: 'UNKNOWN_METHOD', message: `未知的操作：${String(method)}` });
  }
  const parsed = stationMethods[method].safeParse(input ?? {});
  if (!parsed.success) return refusal(invalidInput(parsed.error));
  try {
    // The raw input, not parsed.data: the station applies defaults and transforms itself.
    return { ok: true, value: await station.call(method, input as never) };
  } catch (e) {
    if (isDaibanError(e)) return refusal(e.toJSON());
    station.ctx.log.error({ err: e, method }, 'ipc: unexpected failure');
    return refusal({ code: 'INTERNAL', message: '系统出现异常，本次操作未完成，已保存的内容不受影响。请重试。' });
  }
}
