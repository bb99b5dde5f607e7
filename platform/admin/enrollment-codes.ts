import { randomInt } from 'node:crypto';
import { parseDivisionCode } from '../../core/division';
import type { TerminalRole } from '../../core/sync/protocol';
import type { PlatformContext } from '../context';
import { invalidInput } from '../errors';
import { sha256Hex } from '../../base/node/digest';

/** No 0/O, 1/I/L, 5/S, 2/Z lookalikes: the code is read out over the phone and typed by a cadre. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRTUVWXY346789';
const CODE_LENGTH = 12;

export interface IssueEnrollmentCodeInput {
  /** 9 digits (township) or 12 (village); a shorter code is padded. */
  divisionCode: string;
  role: TerminalRole;
  servicePointName: string;
  ttlHours?: number;
}

export interface IssuedEnrollmentCode {
  /** Shown once, e.g. ABCD-EFGH-JKMN; only its SHA-256 is stored. */
  code: string;
  divisionCode: string;
  expiresAt: string;
}

/** Upper case without spaces or dashes: what the cadre typed, as it was issued. */
export function normaliseEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export function enrollmentCodeSha256(code: string): string {
  return sha256Hex(normaliseEnrollmentCode(code));
}

export async function issueEnrollmentCode(ctx: PlatformContext, input: IssueEnrollmentCodeInput): Promise<IssuedEnrollmentCode> {
  const parsed = parseDivisionCode(input.divisionCode);
  if (!parsed.ok) throw invalidInput(parsed.message);
  const division = parsed.value;
  if (!['village', 'township', 'county'].includes(input.role)) throw invalidInput('终端角色只能是 village（村）、township（乡镇）或 county（县级）');
  if (input.role === 'village' && division.level !== 'village') throw invalidInput('村级终端需要12位村级区划代码');
  if (input.role === 'township' && division.level !== 'township') throw invalidInput('乡镇终端需要乡级区划代码（9位，或末3位为0的12位代码）');
  if (input.role === 'county' && division.level !== 'county') throw invalidInput('县级终端需要县级区划代码（6位，或末6位为0的12位代码）');
  const name = input.servicePointName.trim();
  if (name.length < 2 || name.length > 60) throw invalidInput('服务点名称应为2到60个字');
  const ttlHours = input.ttlHours ?? 168;
  if (!(ttlHours > 0 && ttlHours <= 24 * 90)) throw invalidInput('注册码有效期应在1小时到90天之间');

  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000).toISOString();
  await ctx.db.query(
    `INSERT INTO enrollment_codes (code_sha256, division_code, role, service_point_name, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [enrollmentCodeSha256(raw), division.code, input.role, name, now.toISOString(), expiresAt],
  );
  ctx.log.info({ divisionCode: division.code, role: input.role, expiresAt }, 'enrollment code issued');
  return { code: raw.match(/.{4}/g)!.join('-'), divisionCode: division.code, expiresAt };
}
