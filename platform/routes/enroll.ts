import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { enrollRequestSchema, LIMITS, type EnrollResponse, type OtherTerminal, type TerminalRole } from '../../core/sync/protocol';
import type { TerminalEnrolled } from '../../core/sync/changes';
import { enrollmentCodeSha256 } from '../admin/enrollment-codes';
import { appendChanges } from '../change-feed';
import { publicKeyFromRaw } from '../../base/node/ed25519';
import { createFailureThrottle, waitPhrase, type ThrottlePolicy } from '../auth/failure-throttle';
import { readJsonBody } from '../body';
import type { PlatformContext } from '../context';
import { isoOf } from '../database/types';
import { PlatformError } from '../errors';
import { platformTransferKeys } from '../transfer/keys';

const CODE_INVALID = '注册码无效、已使用或已过期，请向县级运维人员重新申领';
const MAX_TERMINAL_NO = 99;
/** Codes are 12 letters of 27 (~57 bits): guessing is hopeless unless unslowed; after 10 misses a source waits 2 s, 4 s … 15 min. */
export const ENROLL_GUESS_POLICY: ThrottlePolicy = { freeFailures: 10, firstDelayMs: 2_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };

/**
 * Unsigned: the one-time code is the credential. Taking the code is one conditional UPDATE, so of two
 * concurrent uses exactly one finds it unused; the loser's transaction changes nothing.
 */
export function registerEnroll(app: FastifyInstance, ctx: PlatformContext): void {
  const guesses = createFailureThrottle(ctx.db, 'enroll-source', ctx.now, ENROLL_GUESS_POLICY, (ms) => `注册码错误次数过多，${waitPhrase(ms)}`);
  app.post('/v1/enroll', { bodyLimit: LIMITS.requestBodyBytes }, async (request): Promise<EnrollResponse> => {
    await guesses.check(request.ip);
    const input = await readJsonBody(request, enrollRequestSchema);
    // A real curve point, canonically encoded and not of small order (an all-zero key verifies forgeries).
    if (!publicKeyFromRaw(input.publicKey)) throw new PlatformError(400, 'INVALID_REQUEST', '终端公钥不是有效的 Ed25519 公钥，请重新生成后注册');
    const now = ctx.now().toISOString();
    const terminalId = uuidv7();
    const keys = await platformTransferKeys(ctx);
    const enrolled = await ctx.db.transaction(async (tx) => {
      const [code] = await tx.query<{ division_code: string; role: TerminalRole; service_point_name: string }>(
        `UPDATE enrollment_codes SET used_at = $2
         WHERE code_sha256 = $1 AND used_at IS NULL AND expires_at > $2
         RETURNING division_code, role, service_point_name`,
        [enrollmentCodeSha256(input.code), now],
      );
      if (!code) return null;
      // Numbers are never reused (not even a disabled terminal's): receipt numbers made offline contain them.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`terminal-no:${code.division_code}`]);
      const [next] = await tx.query<{ n: number }>('SELECT coalesce(max(terminal_no), 0)::int + 1 AS n FROM terminals WHERE division_code = $1', [
        code.division_code,
      ]);
      const terminalNo = next!.n;
      if (terminalNo > MAX_TERMINAL_NO) {
        throw new PlatformError(403, 'FORBIDDEN', `该区划已注册${MAX_TERMINAL_NO}台终端，终端序号已用完，请联系省级平台运维人员`);
      }
      await tx.query(
        `INSERT INTO terminals (id, public_key, division_code, role, service_point_name, terminal_no, hostname, enrolled_at, app_version, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8)`,
        [terminalId, input.publicKey, code.division_code, code.role, code.service_point_name, terminalNo, input.hostname ?? null, now, input.appVersion],
      );
      await tx.query('UPDATE enrollment_codes SET used_by = $2 WHERE code_sha256 = $1', [enrollmentCodeSha256(input.code), terminalId]);
      // The terminals above learn its key, to check its receipts' codes offline.
      const enrolled: TerminalEnrolled = {
        terminalId,
        divisionCode: code.division_code,
        terminalNo,
        role: code.role,
        servicePointName: code.service_point_name,
        publicKey: input.publicKey,
        enrolledAt: now,
      };
      await appendChanges(tx, [{ kind: 'terminal.enrolled', divisionCode: code.division_code, fanUp: true, body: enrolled }], now);
      const others = await tx.query<{ terminal_no: number; hostname: string | null; last_seen_at: unknown; queue_depth: number | null; disabled: boolean }>(
        'SELECT terminal_no, hostname, last_seen_at, queue_depth, disabled FROM terminals WHERE division_code = $1 AND id <> $2 ORDER BY terminal_no',
        [code.division_code, terminalId],
      );
      const otherTerminals: OtherTerminal[] = others.map((o) => ({
        terminalNo: o.terminal_no,
        hostname: o.hostname,
        lastSeenAt: isoOf(o.last_seen_at),
        queueDepth: o.queue_depth,
        disabled: o.disabled,
      }));
      return {
        divisionCode: code.division_code,
        role: code.role,
        servicePointName: code.service_point_name,
        terminalNo,
        otherTerminals,
        platformKeys: keys.public,
      };
    });
    if (!enrolled) {
      await guesses.failed(request.ip);
      throw new PlatformError(403, 'ENROLL_CODE_INVALID', CODE_INVALID);
    }
    ctx.log.info({ terminalId, divisionCode: enrolled.divisionCode, terminalNo: enrolled.terminalNo }, 'terminal enrolled');
    return { terminalId, ...enrolled, serverTime: now };
  });
}
