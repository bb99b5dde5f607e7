import assert from 'node:assert/strict';
import { createServer, get as httpGet, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';

/** The proxy the sync fault tests stand on: each fault must really happen, or those tests prove nothing. */
describe('fault-injecting TCP proxy', () => {
  const payload = Buffer.alloc(64 * 1024, 'x');
  let server: Server;
  let proxy: FaultProxy;

  before(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end(payload));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    proxy = await startFaultProxy({ targetPort: (server.address() as AddressInfo).port });
  });
  after(async () => {
    await proxy.close();
    await new Promise((r) => server.close(r));
  });

  /** A fresh connection per request (no keep-alive pool), so each test sees only its own faults. */
  const get = (timeoutMs = 5000) =>
    new Promise<Buffer>((resolve, reject) => {
      const req = httpGet(`${proxy.url}/`, { agent: false, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.complete ? resolve(Buffer.concat(chunks)) : reject(new Error('response cut off'))));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
    });
  const timed = async <T>(f: () => Promise<T>) => {
    const t = performance.now();
    const value = await f();
    return { value, ms: performance.now() - t };
  };

  it('forwards untouched without faults', async () => {
    proxy.setFaults({});
    assert.deepEqual(await get(), payload);
  });

  it('adds latency each way', async () => {
    proxy.setFaults({ latencyMs: 150 });
    const { value, ms } = await timed(() => get());
    assert.equal(value.length, payload.length);
    assert.ok(ms >= 300, `a round trip with 150 ms each way took ${ms.toFixed(0)} ms`);
  });

  it('caps bandwidth', async () => {
    proxy.setFaults({ bytesPerSecond: 128 * 1024 });
    const { value, ms } = await timed(() => get());
    assert.equal(value.length, payload.length);
    assert.ok(ms >= 400, `64 KiB at 128 KiB/s took ${ms.toFixed(0)} ms`);
  });

  it('cuts a response off after some bytes', async () => {
    proxy.setFaults({ cutResponseAfterBytes: 1000 });
    await assert.rejects(get());
  });

  it('resets connections', async () => {
    proxy.setFaults({ resetProbability: 1 });
    const before = proxy.stats().resets;
    await assert.rejects(get());
    assert.ok(proxy.stats().resets > before);
  });

  it('black-holes requests until the client gives up', async () => {
    proxy.setFaults({ blackHole: true });
    const { ms } = await timed(() =>
      get(300).then(
        () => 'answered',
        () => 'timed out',
      ),
    );
    assert.ok(ms >= 290);
    proxy.dropAll();
  });

  it('refuses connections, and recovers when the faults stop', async () => {
    proxy.setFaults({ refuse: true });
    await assert.rejects(get());
    proxy.setFaults({});
    assert.deepEqual(await get(), payload);
  });
});
