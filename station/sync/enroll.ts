import { DaibanError } from '../../core/errors';
import { enrollResponseSchema, type EnrollResponse } from '../../core/sync/protocol';
import { appendAudit, setSetting, type StoreDb } from '../../db';
import { SETTINGS } from '../runtime/settings-keys';
import { SYNC_MESSAGES, isSyncError } from './errors';
import { parseBody, PlatformClient } from './http-client';
import type { ServerClock } from './server-clock';
import { TerminalSigner } from './signer';

export const ENROLL_MESSAGES = {
  codeInvalid: '注册码无效、已被使用或已过期，请向县级运维人员重新申请。',
  unreachable: '无法连接省级平台，请检查平台地址和网络（电子政务外网）是否连通后重试。',
  alreadyEnrolled: '本终端已经注册，无需再次注册。如需更换平台，请联系县级运维人员。',
} as const;

export interface EnrollRequestOptions {
  platformUrl: string;
  code: string;
  appVersion: string;
  hostname?: string;
  fetch: typeof fetch;
  serverClock: ServerClock;
  timeoutMs: number;
}

/**
 * POST /v1/enroll with a fresh key pair. Nothing is stored here: the caller stores the result in one
 * transaction, so a failed or interrupted enrollment leaves the terminal exactly as it was.
 */
export async function requestEnrollment(o: EnrollRequestOptions): Promise<{ response: EnrollResponse; signer: TerminalSigner }> {
  const signer = TerminalSigner.generate();
  const client = new PlatformClient({ baseUrl: o.platformUrl, fetch: o.fetch, serverClock: o.serverClock, timeoutMs: o.timeoutMs });
  const body = {
    code: o.code,
    publicKey: signer.publicKeyBase64(),
    appVersion: o.appVersion,
    ...(o.hostname ? { hostname: o.hostname.slice(0, 100) } : {}),
  };
  try {
    const res = await client.call({ method: 'POST', path: '/v1/enroll', json: body, signed: false });
    return { response: parseBody(res, enrollResponseSchema), signer };
  } catch (e) {
    if (!isSyncError(e)) throw e;
    if (e.code === 'ENROLL_CODE_INVALID' || e.code === 'INVALID_REQUEST') {
      throw new DaibanError('ENROLL_FAILED', ENROLL_MESSAGES.codeInvalid, { platformCode: e.code });
    }
    if (e.kind === 'offline' || e.kind === 'timeout' || e.kind === 'intercepted') {
      throw new DaibanError('PLATFORM_UNREACHABLE', e.kind === 'offline' ? ENROLL_MESSAGES.unreachable : e.message);
    }
    throw new DaibanError('ENROLL_FAILED', e.message === SYNC_MESSAGES.protocol ? `${e.message}（注册未完成）` : e.message, {
      platformCode: e.code ?? null,
    });
  }
}

/** Identity, jurisdiction and service point, in one transaction with its audit entry. */
export function storeEnrollment(
  db: StoreDb,
  e: { platformUrl: string; response: EnrollResponse; signer: TerminalSigner; serverOffsetMs: number; at: string; actorId: string },
): void {
  const r = e.response;
  db.transaction(() => {
    setSetting(db, SETTINGS.platformUrl, e.platformUrl.replace(/\/+$/, ''));
    setSetting(db, SETTINGS.terminalId, r.terminalId);
    setSetting(db, SETTINGS.terminalRole, r.role);
    setSetting(db, SETTINGS.privateKey, e.signer.exportPrivateKey());
    setSetting(db, SETTINGS.enrolledAt, e.at);
    setSetting(db, SETTINGS.serverOffsetMs, String(e.serverOffsetMs));
    setSetting(db, SETTINGS.servicePointName, r.servicePointName);
    setSetting(db, SETTINGS.divisionCode, r.divisionCode);
    setSetting(db, SETTINGS.terminalNo, String(r.terminalNo));
    setSetting(db, SETTINGS.otherTerminals, JSON.stringify(r.otherTerminals ?? []));
    if (r.platformKeys) setSetting(db, SETTINGS.platformKeys, JSON.stringify(r.platformKeys));
    appendAudit(db, {
      at: e.at,
      actorId: e.actorId,
      action: 'terminal_enrolled',
      entityType: 'station',
      entityId: r.terminalId,
      detail: {
        platformUrl: e.platformUrl,
        divisionCode: r.divisionCode,
        role: r.role,
        terminalNo: r.terminalNo,
        otherTerminals: (r.otherTerminals ?? []).map((o) => ({ terminalNo: o.terminalNo, lastSeenAt: o.lastSeenAt, queueDepth: o.queueDepth })),
      },
    });
  })();
}
