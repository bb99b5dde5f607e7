import assert from 'node:assert/strict';
import { CHANGE_KINDS, isChangeKind } from '../../core/sync/changes';
import {
  changesResponseSchema,
  HEADERS,
  outboxResponseSchema,
  platformErrorSchema,
  type Change,
  type ChangesResponse,
  type OutboxResponse,
} from '../../core/sync/protocol';
import { outboxBatch, type PlatformReply, type TestTerminal } from './platform';

/** Requests and checks the protocol's suites share. */

export const CHINESE = /[\u4e00-\u9fff]/;

/** A refusal as the protocol gives it: the status, the stable code, a Chinese message, the server's time. */
export function assertRefusal(reply: PlatformReply, status: number, code: string): Record<string, unknown> {
  assert.equal(reply.status, status, reply.bytes.toString());
  const body = platformErrorSchema.parse(reply.json());
  assert.equal(body.code, code);
  assert.match(body.message, CHINESE);
  assert.ok(reply.headers.get(HEADERS.serverTime), 'every answer carries the server time');
  return body.details ?? {};
}

export async function postOutbox(t: TestTerminal, messages: Parameters<typeof outboxBatch>[0], gzip = false): Promise<OutboxResponse> {
  const reply = await t.request('POST', '/v1/outbox', { json: outboxBatch(messages), gzip });
  assert.equal(reply.status, 200, reply.bytes.toString());
  return outboxResponseSchema.parse(reply.json());
}

/** `accepted`, `duplicate`, `conflict`, or the invalid code, per message. */
export const verdicts = (res: OutboxResponse) => res.results.map((r) => (r.result === 'invalid' ? r.code : r.result));

/** The Chinese reason the platform gave for refusing message `i`. */
export function reasonOf(res: OutboxResponse, i: number): string {
  const r = res.results[i];
  assert.ok(r?.result === 'invalid', `message ${i} was ${r?.result}`);
  assert.match(r.reason, CHINESE);
  return r.reason;
}

export async function changesFor(t: TestTerminal, query = ''): Promise<ChangesResponse> {
  const reply = await t.request('GET', `/v1/changes${query}`);
  assert.equal(reply.status, 200, reply.bytes.toString());
  return changesResponseSchema.parse(reply.json());
}

/** The whole feed of a terminal, page after page, every body checked against its CHANGE_KINDS schema. */
export async function wholeFeed(t: TestTerminal): Promise<Change[]> {
  const all: Change[] = [];
  for (let after = '0'; ;) {
    const page = await changesFor(t, `?after=${after}`);
    for (const c of page.changes) {
      assert.ok(isChangeKind(c.kind), c.kind);
      CHANGE_KINDS[c.kind].parse(c.body);
    }
    all.push(...page.changes);
    after = page.cursor;
    if (!page.more) return all;
  }
}

/**
 * A request the platform refuses before reading its body. Through a load balancer the refusal can race the
 * upload: the balancer closes the connection while the client still sends, and the reset discards the answer
 * on the client's side (a network fact, not the platform's: a terminal retries). Sent again up to three times.
 */
export async function answeredEarly(send: () => Promise<PlatformReply>): Promise<PlatformReply> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (e) {
      const code = ((e as Error).cause as { code?: string } | undefined)?.code;
      if (attempt === 3 || code !== 'UND_ERR_SOCKET') throw e;
    }
  }
}

export async function putChunk(t: TestTerminal, sha: string, data: Buffer, start: number, total: number): Promise<PlatformReply> {
  return t.request('PUT', `/v1/blobs/${sha}`, { raw: data, headers: { 'content-range': `bytes ${start}-${start + data.length - 1}/${total}` } });
}
