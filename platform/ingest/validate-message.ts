import type { z } from 'zod';
import { checkInput, firstRefusal } from '../../core/refusal';
import { isOutboxKind, OUTBOX_KINDS, type OutboxKind } from '../../core/sync/messages';
import type { OutboxMessage, TerminalRole } from '../../core/sync/protocol';
import { withinJurisdiction } from '../auth/jurisdiction';
import { sha256Hex } from '../../base/node/digest';

/**
 * The checks of one outbox message that need no database: digest, kind, body schema, and what the body alone
 * says about jurisdiction and role. Checks against the projection happen inside the transaction.
 * `code`s of `invalid` results are stable (docs/platform.md lists them); reasons are for the cadre.
 */
export type OutboxBodies = { [K in OutboxKind]: z.output<(typeof OUTBOX_KINDS)[K]> };
export type ValidMessage = { [K in OutboxKind]: { ok: true; kind: K; body: OutboxBodies[K] } }[OutboxKind];
export type MessageVerdict = ValidMessage | { ok: false; code: OutboxInvalidCode; reason: string };

export type OutboxInvalidCode =
  | 'HASH_MISMATCH'
  | 'UNKNOWN_KIND'
  | 'INVALID_BODY'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ILLEGAL_TRANSITION'
  | 'DUPLICATE_APPLICATION'
  /** The item or catalog version is unknown to the platform, or the form does not fit the item. */
  | 'UNKNOWN_ITEM'
  | 'FORM_INVALID'
  /** The database would not take it (caught per message: the batch goes on). */
  | 'UNSTORABLE'
  /** 好差评: another rating of this application at this stage is on the platform already (一次一评). */
  | 'ALREADY_RATED';

/** The sender as far as validation cares. */
export interface Sender {
  divisionCode: string;
  role: TerminalRole;
}

/** The message's hash: computed here, and when the terminal sent one, null unless it matches. */
export function messageDigest(m: OutboxMessage): string | null {
  const digest = sha256Hex(m.body);
  return m.sha256 === undefined || m.sha256 === digest ? digest : null;
}

const forbidden = (reason: string): MessageVerdict => ({ ok: false, code: 'FORBIDDEN', reason });

/** Who may send what, judged on the body alone (null: allowed so far). */
function refuseBySender(v: ValidMessage, sender: Sender): MessageVerdict | null {
  switch (v.kind) {
    case 'application.submitted':
      // A village service point takes applications, and so may a township's centre for its villages; a county
      // terminal only looks on.
      if (sender.role === 'county') return forbidden('县级终端不受理申请，请在村代办点或乡镇便民服务中心受理');
      return withinJurisdiction(sender.divisionCode, v.body.divisionCode)
        ? null
        : forbidden(`不属于本终端辖区的申请（申请区划 ${v.body.divisionCode}，本终端辖区 ${sender.divisionCode}），平台不予接收`);
    case 'review.decided':
    case 'handover.confirmed': {
      const what = v.kind === 'review.decided' ? '审核决定' : '交接清单确认';
      // A county decides at its own step (checked against the application's route when stored); the paper is the township's.
      const may = sender.role === 'township' || (sender.role === 'county' && v.kind === 'review.decided');
      if (!may) {
        return forbidden(`只有乡镇审核终端才能提交${what}，本终端是${sender.role === 'county' ? '县级终端' : '村级代办终端'}`);
      }
      return withinJurisdiction(sender.divisionCode, v.body.divisionCode)
        ? null
        : forbidden(`${v.body.divisionCode} 不属于本${sender.role === 'county' ? '县' : '乡镇'}（${sender.divisionCode}），不能提交${what}`);
    }
    case 'application.supplemented':
    case 'application.completed':
      return sender.role === 'village' ? null : forbidden(`只有申请所在村的代办终端才能${v.kind === 'application.supplemented' ? '补正材料' : '办结申请'}`);
    case 'handover.listed':
      if (sender.role !== 'village') return forbidden('只有村级代办终端才能提交交接清单');
      return v.body.divisionCode === sender.divisionCode
        ? null
        : forbidden(`交接清单的区划 ${v.body.divisionCode} 不是本村（${sender.divisionCode}），平台不予接收`);
    case 'service.rated':
      if (sender.role !== 'village') return forbidden('好差评由群众在村代办点当场评价，只有村级代办终端才能提交');
      return v.body.divisionCode === sender.divisionCode
        ? null
        : forbidden(`评价所属的村（${v.body.divisionCode}）不是本村（${sender.divisionCode}），平台不予接收`);
    case 'resident.saved':
    case 'household.saved': {
      const what = v.kind === 'resident.saved' ? '居民信息' : '户籍信息';
      if (sender.role !== 'village') return forbidden(`${what}由村代办点登记，只有村级代办终端才能提交`);
      return v.body.divisionCode === sender.divisionCode
        ? null
        : forbidden(`${what}所属的村（${v.body.divisionCode}）不是本村（${sender.divisionCode}），平台不予接收`);
    }
    case 'rating.followed_up':
      if (sender.role !== 'township') return forbidden('差评的回访和整改由乡镇审核终端登记');
      return withinJurisdiction(sender.divisionCode, v.body.divisionCode)
        ? null
        : forbidden(`${v.body.divisionCode} 不属于本乡镇（${sender.divisionCode}），不能登记回访整改`);
    default:
      return null;
  }
}

export function validateMessage(m: OutboxMessage, sender: Sender): MessageVerdict {
  if (!isOutboxKind(m.kind)) {
    return { ok: false, code: 'UNKNOWN_KIND', reason: '平台不认识这种记录类型，未能接收。请升级终端程序或联系县级运维人员' };
  }
  let json: unknown;
  try {
    json = JSON.parse(m.body);
  } catch {
    return { ok: false, code: 'INVALID_BODY', reason: '消息内容不是有效的 JSON，平台未接收' };
  }
  // The same check as when the terminal queued it: a NUL or a lone surrogate never reaches a jsonb column.
  const checked = checkInput(OUTBOX_KINDS[m.kind], json);
  if (!checked.ok) {
    return { ok: false, code: 'INVALID_BODY', reason: `记录内容不符合要求：${firstRefusal(checked.fields)}。这条记录未被平台接收，请核对后重新办理` };
  }
  const valid = { ok: true, kind: m.kind, body: checked.value } as ValidMessage;
  return refuseBySender(valid, sender) ?? valid;
}
