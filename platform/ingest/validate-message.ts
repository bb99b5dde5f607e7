import { createHash } from 'node:crypto';
import {
  isOutboxKind,
  OUTBOX_KINDS,
  type AccountPasswordChanged,
  type ApplicationSubmitted,
  type ApplicationWithdrawn,
} from '../../core/sync/messages';
import type { OutboxMessage } from '../../core/sync/protocol';
import { withinJurisdiction } from '../auth/jurisdiction';

/**
 * The checks of one outbox message that need no database: digest, kind, body schema, jurisdiction.
 * `code`s of `invalid` results are stable (docs/platform.md lists them); reasons are for the cadre.
 */
export type MessageVerdict =
  | { ok: true; kind: 'application.submitted'; body: ApplicationSubmitted }
  | { ok: true; kind: 'application.withdrawn'; body: ApplicationWithdrawn }
  | { ok: true; kind: 'account.password_changed'; body: AccountPasswordChanged }
  | { ok: false; code: OutboxInvalidCode; reason: string };

export type OutboxInvalidCode =
  | 'HASH_MISMATCH'
  | 'UNKNOWN_KIND'
  | 'INVALID_BODY'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ILLEGAL_TRANSITION'
  | 'DUPLICATE_APPLICATION';

export function sha256Of(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function digestMatches(m: OutboxMessage): boolean {
  return sha256Of(m.body) === m.sha256;
}

export function validateMessage(m: OutboxMessage, terminalDivision: string): MessageVerdict {
  if (!isOutboxKind(m.kind)) {
    return { ok: false, code: 'UNKNOWN_KIND', reason: `平台不认识这种消息类型（${m.kind.slice(0, 60)}），请升级终端程序或联系运维人员` };
  }
  let json: unknown;
  try {
    json = JSON.parse(m.body);
  } catch {
    return { ok: false, code: 'INVALID_BODY', reason: '消息内容不是有效的 JSON，平台未接收' };
  }
  const parsed = OUTBOX_KINDS[m.kind].safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? `（字段 ${first.path.join('.')}）` : '';
    return { ok: false, code: 'INVALID_BODY', reason: `消息内容不完整或格式不对${where}，平台未接收` };
  }
  if (m.kind === 'application.submitted') {
    const body = parsed.data as ApplicationSubmitted;
    if (!withinJurisdiction(terminalDivision, body.divisionCode)) {
      return {
        ok: false,
        code: 'FORBIDDEN',
        reason: `不属于本终端辖区的申请（申请区划 ${body.divisionCode}，本终端辖区 ${terminalDivision}），平台不予接收`,
      };
    }
    return { ok: true, kind: m.kind, body };
  }
  if (m.kind === 'account.password_changed') return { ok: true, kind: m.kind, body: parsed.data as AccountPasswordChanged };
  return { ok: true, kind: m.kind, body: parsed.data as ApplicationWithdrawn };
}
