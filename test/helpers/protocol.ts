import assert from 'node:assert/strict';
import { changesResponseSchema, HEADERS, outboxResponseSchema, platformErrorSchema, type ChangesResponse, type OutboxResponse } from '../../core/sync/protocol';
import { outboxBatch, type PlatformReply, type TestTerminal } from './platform';

/** Requests and checks the protocol's suites share (platform-protocol, platform-protocol-admin, platform-security). */

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

export async function changesFor(t: TestTerminal, query = ''): Promise<ChangesResponse> {
  const reply = await t.request('GET', `/v1/changes${query}`);
  assert.equal(reply.status, 200, reply.bytes.toString());
  return changesResponseSchema.parse(reply.json());
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
