import { DaibanError } from '../../core/errors';
import { platformKeysSchema, type PlatformKeys } from '../../core/sync/protocol';
import { getSetting, type StoreDb } from '../../db';
import { SETTINGS } from '../runtime/settings-keys';
import { loadEnrollment, type Enrollment } from '../sync/enrollment';

export function transferRefused(reason: string, message: string): DaibanError {
  return new DaibanError('TRANSFER_REFUSED', message, { reason });
}

/** The platform's transfer keys as this terminal learned them, or null before it heard of them. */
export function platformKeysOf(db: StoreDb): PlatformKeys | null {
  try {
    const parsed = platformKeysSchema.safeParse(JSON.parse(getSetting(db, SETTINGS.platformKeys) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** This terminal's identity and the platform's keys: what every transfer file needs; refused in Chinese without them. */
export function transferIdentity(db: StoreDb): { enrollment: Enrollment; keys: PlatformKeys } {
  const enrollment = loadEnrollment(db);
  if (!enrollment) throw transferRefused('unavailable', '本机还没有接入省级平台，不能使用U盘传输。请先接入（注册）本终端。');
  const keys = platformKeysOf(db);
  if (!keys) throw transferRefused('unavailable', '本机还没有收到省级平台的传输密钥，请联网同步一次后再使用U盘传输。');
  return { enrollment, keys };
}
