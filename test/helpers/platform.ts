import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import type {
  ApplicationCompleted,
  ApplicationSubmitted,
  ApplicationSupplemented,
  HandoverConfirmed,
  HandoverListed,
  ReviewDecided,
} from '../../core/sync/messages';
import { HEADERS, type EnrollResponse, type OutboxMessage, type TerminalRole } from '../../core/sync/protocol';
import { canonicalRequest } from '../../core/sync/signing';
import { startPlatform, type RunningPlatform } from '../../platform';
import { SEED_CATALOG, SEED_CATALOG_VERSION } from '../../core/catalog/seed';
import { DELEGATED_CATALOG } from './delegated-catalog';
import { validValues } from './forms';
import { startPostgres, type TestPostgres } from './postgres';
import { startHaproxy, type Haproxy } from './haproxy';
import { mkdtempSync, rmSync } from 'node:fs';
import { after, before } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** 最低生活保障 in the seed catalog: the item every platform test's submission is for. */
const SUBSISTENCE = SEED_CATALOG.items.find((i) => i.code === 'MZ-0001')!;

/**
 * A test terminal for the platform: an Ed25519 identity, enrollment, and a small signed fetch. Only for
 * tests; the station's real sync client lives in station/.
 */

export interface TerminalIdentity {
  privateKey: KeyObject;
  /** The 32 raw bytes, base64, as enroll expects. */
  publicKey: string;
}

export function makeIdentity(): TerminalIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  return { privateKey, publicKey: Buffer.from(x, 'base64url').toString('base64') };
}

export interface PlatformReply {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** The body as JSON (throws on a non-JSON body). */
  json<T = Record<string, unknown>>(): T;
}

async function toReply(res: Response): Promise<PlatformReply> {
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, json: <T>() => JSON.parse(bytes.toString('utf8')) as T };
}

export interface SignedRequestOptions {
  /** A JSON value (serialised) or raw bytes. */
  json?: unknown;
  raw?: Buffer;
  gzip?: boolean;
  contentType?: string;
  headers?: Record<string, string>;
  /** The signed time (default: now, or the terminal's clock). */
  time?: string;
  /** Signs with this key instead of the terminal's (forgery tests). */
  signWith?: KeyObject;
  /** Signs this path instead of the one requested (tampering tests). */
  signPath?: string;
  /** Signs these bytes' digest instead of the ones sent (tampering tests). */
  signBody?: Buffer;
  /** Leaves out one of the signing headers. */
  omitHeader?: string;
  /** Sends as this terminal id instead of its own. */
  asTerminalId?: string;
}

export interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

export interface TestTerminal extends EnrollResponse {
  identity: TerminalIdentity;
  /** Builds a signed request without sending it (replay tests send it twice). */
  prepare(method: string, path: string, o?: SignedRequestOptions): SignedRequest;
  send(r: SignedRequest): Promise<PlatformReply>;
  request(method: string, path: string, o?: SignedRequestOptions): Promise<PlatformReply>;
}

export const sha256Hex = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

export async function enrollRaw(platform: Pick<RunningPlatform, 'url'>, body: unknown): Promise<PlatformReply> {
  const res = await fetch(`${platform.url}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return toReply(res);
}

export function terminalFor(
  platform: Pick<RunningPlatform, 'url'>,
  enrolled: EnrollResponse,
  identity: TerminalIdentity,
  clock: () => Date = () => new Date(),
): TestTerminal {
  const prepare = (method: string, path: string, o: SignedRequestOptions = {}): SignedRequest => {
    let body: Buffer | undefined = o.raw ?? (o.json === undefined ? undefined : Buffer.from(JSON.stringify(o.json), 'utf8'));
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (body && o.gzip) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    if (body) headers['content-type'] ??= o.contentType ?? (o.raw ? 'application/octet-stream' : 'application/json');
    const terminalId = o.asTerminalId ?? enrolled.terminalId;
    const time = o.time ?? clock().toISOString();
    const digest = sha256Hex(o.signBody ?? body ?? Buffer.alloc(0));
    const canonical = canonicalRequest({ method, path: o.signPath ?? path, time, bodySha256: digest, terminalId });
    const signature = sign(null, Buffer.from(canonical, 'utf8'), o.signWith ?? identity.privateKey).toString('base64');
    Object.assign(headers, {
      [HEADERS.terminal]: terminalId,
      [HEADERS.time]: time,
      [HEADERS.contentSha256]: digest,
      [HEADERS.signature]: signature,
    });
    if (o.omitHeader) delete headers[o.omitHeader];
    return { method, path, headers, body };
  };
  const send = async (r: SignedRequest) =>
    toReply(await fetch(`${platform.url}${r.path}`, { method: r.method, headers: r.headers, body: r.body ? new Uint8Array(r.body) : undefined }));
  return { ...enrolled, identity, prepare, send, request: (method, path, o) => send(prepare(method, path, o)) };
}

/** Issues a code and enrolls a fresh identity with it. */
export async function enrollTerminal(
  platform: RunningPlatform,
  o: { divisionCode: string; role?: TerminalRole; name?: string; clock?: () => Date },
): Promise<TestTerminal> {
  const role = o.role ?? 'village';
  const { code } = await platform.admin.issueEnrollmentCode({ divisionCode: o.divisionCode, role, servicePointName: o.name ?? `测试服务点${o.divisionCode}` });
  const identity = makeIdentity();
  const reply = await enrollRaw(platform, { code, publicKey: identity.publicKey, appVersion: '0.1.0-test', hostname: 'test-pc' });
  if (reply.status !== 200) throw new Error(`enroll failed: ${reply.status} ${reply.bytes.toString()}`);
  return terminalFor(platform, reply.json<EnrollResponse>(), identity, o.clock);
}

/** A valid application.submitted body for a village (about 1 KB of JSON). */
export function submittedBody(divisionCode: string, o: { applicationId?: string; receiptNo?: string; catalogVersion?: string } = {}): ApplicationSubmitted {
  const applicationId = o.applicationId ?? uuidv7();
  return {
    applicationId,
    receiptNo: o.receiptNo ?? `${divisionCode}-20261123-01-${applicationId.slice(-4)}`,
    itemCode: SUBSISTENCE.code,
    catalogVersion: o.catalogVersion ?? SEED_CATALOG_VERSION,
    divisionCode,
    resident: {
      id: uuidv7(),
      idNumber: '360781198001010011',
      name: '王秀英',
      gender: 'female',
      birthDate: '1980-01-01',
      phone: '13800000000',
      address: '江西省瑞金市叶坪乡华屋村3组12号',
    },
    form: validValues(SUBSISTENCE.form.fields),
    materials: { idCard: { received: true, count: 1 }, hukou: { received: true, count: 1 }, incomeProof: { received: false, count: 0 } },
    attachments: [{ sha256: sha256Hex(applicationId), fileName: '户口簿.jpg', mimeType: 'image/jpeg', size: 183_204 }],
    submittedAt: '2026-11-23T02:00:00.000Z',
    dueDate: '2026-12-07',
    cadre: { id: 'cadre01', name: '李春梅' },
  };
}

/** An outbox message whose sha256 matches its body text. */
export function outboxMessage(kind: string, body: unknown, id: string = uuidv7()): OutboxMessage {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { id, kind, body: text, sha256: sha256Hex(text) };
}

export function outboxBatch(messages: OutboxMessage[]): { batchId: string; messages: OutboxMessage[] } {
  return { batchId: uuidv7(), messages };
}

const REVIEWER = { id: 'reviewer01', name: '张建国' };
const CADRE = { id: 'cadre01', name: '李春梅' };

/** A township decision on an application of `village` (a rejection gets a reason, a return its items). */
export function decidedBody(
  village: string,
  applicationId: string,
  decision: ReviewDecided['decision'],
  o: Partial<Pick<ReviewDecided, 'decisionId' | 'reason' | 'supplement' | 'decidedAt'>> = {},
): ReviewDecided {
  return {
    decisionId: o.decisionId ?? uuidv7(),
    applicationId,
    divisionCode: village,
    decision,
    reason: o.reason !== undefined ? o.reason : decision === 'reject' ? '家庭人均收入高于当地最低生活保障标准' : null,
    supplement:
      o.supplement !== undefined
        ? o.supplement
        : decision === 'request_supplement'
          ? {
              items: [
                { kind: 'material', key: 'incomeProof', label: '收入证明', problem: '缺少家庭成员近6个月收入证明' },
                { kind: 'field', key: 'bankAccount', label: '银行账号', problem: '账号位数不对，请核对存折' },
              ],
              note: '请一次补齐以上材料',
            }
          : null,
    reviewer: REVIEWER,
    decidedAt: o.decidedAt ?? '2026-11-25T03:00:00.000Z',
  };
}

/** The village's supplement: the corrected field, the missing material received, one more scan. */
export function supplementedBody(submission: ApplicationSubmitted): ApplicationSupplemented {
  return {
    applicationId: submission.applicationId,
    form: { ...submission.form, bankAccount: '6217000000000000001' },
    materials: { ...submission.materials, incomeProof: { received: true, count: 1 } },
    attachments: [
      ...submission.attachments,
      { sha256: sha256Hex(`${submission.applicationId}-income`), fileName: '收入证明.jpg', mimeType: 'image/jpeg', size: 95_112 },
    ],
    note: '已补交收入证明，银行账号已更正',
    supplementedAt: '2026-11-27T01:30:00.000Z',
    cadre: CADRE,
  };
}

export function completedBody(applicationId: string): ApplicationCompleted {
  return { applicationId, completedAt: '2026-11-30T02:00:00.000Z', by: CADRE };
}

export function handoverListedBody(village: string, apps: ApplicationSubmitted[], listId: string = uuidv7()): HandoverListed {
  return {
    listId,
    listNo: `${village}-20261123-01-01`,
    divisionCode: village,
    applications: apps.map((a) => ({ applicationId: a.applicationId, receiptNo: a.receiptNo, materialKeys: Object.keys(a.materials) })),
    createdAt: '2026-11-23T09:00:00.000Z',
    cadre: CADRE,
  };
}

export function handoverConfirmedBody(list: HandoverListed, missing: HandoverConfirmed['missing'] = []): HandoverConfirmed {
  return { listId: list.listId, divisionCode: list.divisionCode, missing, confirmedAt: '2026-11-24T08:00:00.000Z', reviewer: REVIEWER };
}

/** `haproxy`: two instances over one PostgreSQL database behind Debian's HAProxy (test/helpers/haproxy.ts). */
export type PlatformBackend = 'pglite' | 'postgres' | 'haproxy';

/** A platform for one backend suite and how to stop it (and the throwaway PostgreSQL cluster behind it). */
export interface PlatformOnBackend {
  platform: RunningPlatform;
  stop(): Promise<void>;
}

/**
 * Starts a quiet platform on PGlite, or on a fresh database `database` of a throwaway PostgreSQL cluster.
 * `delegated`: also the catalog in which townships decide 低保 alone (test/helpers/delegated-catalog.ts).
 */
export async function startPlatformOn(backend: PlatformBackend, database: string, o: { delegated?: boolean } = {}): Promise<PlatformOnBackend> {
  let pgServer: TestPostgres | undefined;
  try {
    let databaseUrl: string | undefined;
    if (backend !== 'pglite') {
      pgServer = await startPostgres();
      databaseUrl = await pgServer.createDatabase(database);
    }
    if (backend === 'haproxy') return await behindHaproxy(databaseUrl!, pgServer!, o);
    const platform = await startPlatform({ databaseUrl, log: false });
    // Submissions are judged against the catalog the platform published.
    await platform.admin.publishCatalog(SEED_CATALOG);
    if (o.delegated) await platform.admin.publishCatalog(DELEGATED_CATALOG);
    return {
      platform,
      async stop() {
        await platform.close();
        await pgServer?.stop();
      },
    };
  } catch (e) {
    await pgServer?.stop();
    throw e;
  }
}

/**
 * Inside a `describe`: the platform on `backend` for the suite's tests, started before them (before the
 * suite's own `before`, which may read `.platform`) and stopped after them.
 */
export function platformForSuite(backend: PlatformBackend, database: string, o: { delegated?: boolean } = {}): { readonly platform: RunningPlatform } {
  let running: PlatformOnBackend | undefined;
  before(async () => {
    running = await startPlatformOn(backend, database, o);
  });
  after(async () => {
    await running?.stop();
  });
  return {
    get platform() {
      if (!running) throw new Error('the platform is not started yet');
      return running.platform;
    },
  };
}

/**
 * Two instances on one database and one release store, behind HAProxy: `platform` is the first instance
 * with the balancer's address, so a suite's requests alternate between the two while its admin calls and
 * database reads go to the shared database.
 */
async function behindHaproxy(databaseUrl: string, pgServer: TestPostgres, o: { delegated?: boolean }): Promise<PlatformOnBackend> {
  const releaseDir = mkdtempSync(join(tmpdir(), 'daiban-releases-'));
  const started: RunningPlatform[] = [];
  let lb: Haproxy | undefined;
  const stop = async () => {
    await lb?.stop();
    for (const p of started) await p.close();
    rmSync(releaseDir, { recursive: true, force: true });
    await pgServer.stop();
  };
  try {
    for (let i = 0; i < 2; i++) started.push(await startPlatform({ databaseUrl, releaseDir, log: false, trustProxy: ['127.0.0.1'] }));
    await started[0]!.admin.publishCatalog(SEED_CATALOG);
    if (o.delegated) await started[0]!.admin.publishCatalog(DELEGATED_CATALOG);
    lb = await startHaproxy(started.map((p) => p.port));
    return { platform: { ...started[0]!, url: lb.url, port: lb.port }, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
