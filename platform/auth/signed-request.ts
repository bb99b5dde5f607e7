import type { FastifyReply, FastifyRequest } from 'fastify';
import { HEADERS, REPLAY_WINDOW_MS, type TerminalRole } from '../../core/sync/protocol';
import { canonicalRequest } from '../../core/sync/signing';
import type { PlatformContext } from '../context';
import { PlatformError } from '../errors';
import { decodeCanonicalBase64, publicKeyFromRaw, verifyEd25519 } from '../../base/node/ed25519';
import { createReplayGuard } from './replay';
import { sha256Hex } from '../../base/node/digest';

/** The terminal a signed request came from, once every check passed. */
export interface AuthenticatedTerminal {
  id: string;
  divisionCode: string;
  role: TerminalRole;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256_HEX = /^[0-9a-f]{64}$/;

const authenticated = new WeakMap<FastifyRequest, AuthenticatedTerminal>();

/** The terminal of a request that passed `verifySignedRequest` (routes behind it only). */
export function terminalOf(request: FastifyRequest): AuthenticatedTerminal {
  const t = authenticated.get(request);
  if (!t) throw new PlatformError(401, 'UNSIGNED', '请求未签名');
  return t;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * The preHandler of every signed route (DESIGN.md §5): headers present, terminal known and enabled, time
 * within the replay window, body digest and Ed25519 signature right, signature never seen before.
 * Runs after the body was read, because the digest covers the bytes exactly as they came over the wire.
 */
export function createSignatureVerifier(ctx: PlatformContext) {
  const replay = createReplayGuard(ctx);
  return async function verifySignedRequest(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const terminalId = header(request, HEADERS.terminal);
    const time = header(request, HEADERS.time);
    const digest = header(request, HEADERS.contentSha256);
    const signature = header(request, HEADERS.signature);
    if (!terminalId || !time || !digest || !signature) {
      throw new PlatformError(401, 'UNSIGNED', '请求缺少终端签名，平台不予受理', {
        required: [HEADERS.terminal, HEADERS.time, HEADERS.contentSha256, HEADERS.signature],
      });
    }
    if (!UUID.test(terminalId)) throw new PlatformError(401, 'UNKNOWN_TERMINAL', '终端未在平台注册，请重新注册本终端');
    const [row] = await ctx.db.query<{ division_code: string; role: TerminalRole; public_key: string; disabled: boolean }>(
      'SELECT division_code, role, public_key, disabled FROM terminals WHERE id = $1',
      [terminalId],
    );
    if (!row) throw new PlatformError(401, 'UNKNOWN_TERMINAL', '终端未在平台注册，请重新注册本终端');
    if (row.disabled) throw new PlatformError(403, 'TERMINAL_DISABLED', '本终端已被平台停用，请联系县级运维人员');

    const serverTime = ctx.now();
    const signedAt = Date.parse(time);
    if (!Number.isFinite(signedAt) || Math.abs(signedAt - serverTime.getTime()) > REPLAY_WINDOW_MS) {
      throw new PlatformError(401, 'CLOCK_SKEW', '终端时间与平台时间相差过大，请校准时间后重试', {
        serverTime: serverTime.toISOString(),
      });
    }

    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const actualDigest = sha256Hex(body);
    const key = publicKeyFromRaw(row.public_key);
    const canonical = canonicalRequest({ method: request.method, path: request.url, time, bodySha256: digest, terminalId });
    // One encoding per signature: the replay table is keyed on the decoded bytes, never on the header text.
    const signatureBytes = decodeCanonicalBase64(signature, 64);
    if (!SHA256_HEX.test(digest) || digest !== actualDigest || !key || !signatureBytes || !verifyEd25519(key, canonical, signatureBytes)) {
      throw new PlatformError(401, 'BAD_SIGNATURE', '请求签名校验失败，平台不予受理');
    }
    if (!(await replay.firstSeen(terminalId, signatureBytes.toString('hex')))) {
      throw new PlatformError(401, 'REPLAYED', '重复的请求（签名已使用过），平台不予受理');
    }
    authenticated.set(request, { id: terminalId, divisionCode: row.division_code, role: row.role });
  };
}
