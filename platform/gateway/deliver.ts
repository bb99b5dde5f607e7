import { storableText } from '../../core/text';
import type { ConnectorConfig } from './config';
import { GATEWAY_HEADERS, gatewaySignature } from './signing';

export type DeliveryResult = { ok: true; externalId: string | null } | { ok: false; error: string };

/** A reply body's own id for the 办件 (`{"id": …}`), if it gives one that fits a column. */
function externalIdOf(body: string): string | null {
  try {
    const id = (JSON.parse(body) as { id?: unknown } | null)?.id;
    const text = typeof id === 'string' ? storableText(id) : typeof id === 'number' ? String(id) : '';
    return text.length > 0 && text.length <= 128 ? text : null;
  } catch {
    return null;
  }
}

/**
 * One POST of one record to the external system, signed, with the application's id as the Idempotency-Key:
 * a retry after a timeout or a lost answer is the same key, so the external system keeps one 办件. 2xx is
 * delivered; 409 means it has this key already, also delivered. Anything else (an error, a timeout, a
 * refused connection) is said in Chinese for the IT staff's status list and retried later.
 */
export async function deliverRecord(config: ConnectorConfig, key: string, record: Record<string, unknown>, now: () => Date): Promise<DeliveryResult> {
  const body = JSON.stringify(record);
  const timestamp = String(Math.floor(now().getTime() / 1000));
  try {
    const reply = await fetch(config.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        [GATEWAY_HEADERS.timestamp]: timestamp,
        [GATEWAY_HEADERS.signature]: gatewaySignature(config.secret, timestamp, body),
        [GATEWAY_HEADERS.idempotencyKey]: key,
      },
      body,
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    const text = await reply.text();
    if (reply.ok || reply.status === 409) return { ok: true, externalId: externalIdOf(text) };
    // Whatever the external system wrote goes into a text column: a NUL in it must not stop the recording.
    const said = storableText(text).slice(0, 200);
    return { ok: false, error: `外部系统答复 HTTP ${reply.status}${said ? `：${said}` : ''}` };
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, error: `外部系统 ${Math.round(config.timeoutMs / 1000)} 秒内未答复` };
    return { ok: false, error: `连不上外部系统（${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message}）` };
  }
}
