import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildBlockMap } from 'app-builder-lib/out/targets/blockmap/blockmap.js';
import { startPlatform, type RunningPlatform } from '../../platform';
import { enrollTerminal, type TestTerminal } from '../helpers/platform';

/**
 * Release files over real HTTP (node:http, nothing mocked): whole, single, suffix and open-ended ranges,
 * several ranges in one multipart/byteranges answer read back byte for byte, 416, HEAD, and the refusals
 * (unknown file or terminal, a disabled terminal, path traversal).
 */

const root = mkdtempSync(join(tmpdir(), 'daiban-release-range-'));
const releaseDir = join(root, 'releases');
const NAME = 'daiban-2.0.0-win-x64.exe';
const content = randomBytes(700_000);
let platform: RunningPlatform;
let terminal: TestTerminal;
let base: string;

interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** node:http with the path exactly as given (fetch would normalise `..`). */
function raw(path: string, o: { method?: string; headers?: Record<string, string> } = {}): Promise<RawReply> {
  const url = new URL(platform.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: o.method ?? 'GET', headers: o.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const get = (range?: string, method = 'GET') => raw(`${base}${NAME}`, { method, headers: range ? { range } : {} });

/** Parts of a multipart/byteranges body: each part's Content-Range and bytes. */
function parseMultipart(reply: RawReply): { range: string; bytes: Buffer }[] {
  const boundary = /boundary=([^;\s]+)/.exec(String(reply.headers['content-type']))?.[1];
  assert.ok(boundary, String(reply.headers['content-type']));
  const parts: { range: string; bytes: Buffer }[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let at = reply.body.indexOf(delimiter);
  assert.equal(at, 0, 'the body starts with the first delimiter');
  for (;;) {
    at += delimiter.length;
    if (reply.body.subarray(at, at + 2).toString() === '--') break;
    const headerEnd = reply.body.indexOf('\r\n\r\n', at);
    const headers = reply.body.subarray(at + 2, headerEnd).toString('latin1');
    const range = /Content-Range: (.+)/i.exec(headers)?.[1]?.trim() ?? '';
    const next = reply.body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    parts.push({ range, bytes: reply.body.subarray(headerEnd + 4, next) });
    at = next + 2;
  }
  return parts;
}

before(async () => {
  platform = await startPlatform({ log: false, releaseDir });
  terminal = await enrollTerminal(platform, { divisionCode: '360781102201' });
  base = `/updates/${terminal.terminalId}/`;
  const build = join(root, 'build');
  mkdirSync(build);
  writeFileSync(join(build, NAME), content);
  await buildBlockMap(join(build, NAME), 'gzip', join(build, `${NAME}.blockmap`));
  await platform.releases.publish({ dir: build, channel: 'stable' });
});

after(async () => {
  await platform?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('release files served with ranges', () => {
  test('a whole file: 200 with its length, Accept-Ranges and an ETag', async () => {
    const r = await get();
    assert.equal(r.status, 200);
    assert.equal(r.headers['accept-ranges'], 'bytes');
    assert.equal(r.headers['content-length'], String(content.length));
    assert.equal(r.headers['content-type'], 'application/octet-stream');
    assert.match(String(r.headers.etag), /^".+"$/);
    assert.ok(r.body.equals(content));
    const again = await raw(`${base}${NAME}`, { headers: { 'if-none-match': String(r.headers.etag) } });
    assert.equal(again.status, 304);
  });

  test('single, suffix and open-ended ranges: 206 with Content-Range and exactly those bytes', async () => {
    const single = await get('bytes=100-4195');
    assert.equal(single.status, 206);
    assert.equal(single.headers['content-range'], `bytes 100-4195/${content.length}`);
    assert.equal(single.headers['content-length'], '4096');
    assert.ok(single.body.equals(content.subarray(100, 4196)));

    const suffix = await get('bytes=-500');
    assert.equal(suffix.headers['content-range'], `bytes ${content.length - 500}-${content.length - 1}/${content.length}`);
    assert.ok(suffix.body.equals(content.subarray(content.length - 500)));

    const open = await get('bytes=650000-');
    assert.equal(open.status, 206);
    assert.ok(open.body.equals(content.subarray(650_000)));

    // An end past the file is cut to the file (RFC 9110), as electron-updater's last block may ask.
    const past = await get(`bytes=699990-800000`);
    assert.equal(past.headers['content-range'], `bytes 699990-699999/${content.length}`);
    assert.ok(past.body.equals(content.subarray(699_990)));
  });

  test('several ranges: one multipart/byteranges answer, parts in the order asked, byte for byte', async () => {
    const asked = [
      [300_000, 300_999],
      [0, 9],
      [5000, 5000],
      [650_000, 699_999],
    ] as const;
    const r = await get(`bytes=${asked.map(([s, e]) => `${s}-${e}`).join(', ')}`);
    assert.equal(r.status, 206);
    assert.match(String(r.headers['content-type']), /^multipart\/byteranges; boundary=/);
    assert.equal(r.headers['content-length'], String(r.body.length));
    const parts = parseMultipart(r);
    assert.equal(parts.length, asked.length);
    for (const [i, [s, e]] of asked.entries()) {
      assert.equal(parts[i]!.range, `bytes ${s}-${e}/${content.length}`);
      assert.ok(parts[i]!.bytes.equals(content.subarray(s, e + 1)), `part ${i}`);
    }
  });

  test('a thousand ranges in one header (electron-updater sends up to 1,000): past Node’s 16 KiB default', async () => {
    const asked = Array.from({ length: 1000 }, (_, i) => [i * 500 + 100_000, i * 500 + 100_009] as const);
    const range = `bytes=${asked.map(([s, e]) => `${s}-${e}`).join(', ')}`;
    // The 16 KiB limit is on all header bytes; offsets in this small file have six digits, so a filler header
    // stands in for the longer offsets of a real installer.
    const filler = 'x'.repeat(3000);
    assert.ok(range.length + filler.length > 16 * 1024, String(range.length));
    const r = await raw(`${base}${NAME}`, { headers: { range, 'x-filler': filler } });
    assert.equal(r.status, 206);
    const parts = parseMultipart(r);
    assert.equal(parts.length, 1000);
    assert.ok(parts[999]!.bytes.equals(content.subarray(asked[999]![0], asked[999]![1] + 1)));
  });

  test('416 for a range outside the file, with Content-Range: bytes */size', async () => {
    const r = await get('bytes=700000-700010');
    assert.equal(r.status, 416);
    assert.equal(r.headers['content-range'], `bytes */${content.length}`);
    assert.equal(JSON.parse(r.body.toString()).code, 'RANGE_MISMATCH');
    // A malformed Range is ignored: the whole file.
    const malformed = await get('pages=1-2');
    assert.equal(malformed.status, 200);
    assert.equal(malformed.body.length, content.length);
  });

  test('HEAD: the headers of GET without a body', async () => {
    const whole = await get(undefined, 'HEAD');
    assert.deepEqual([whole.status, whole.headers['content-length'], whole.body.length], [200, String(content.length), 0]);
    const part = await get('bytes=10-19', 'HEAD');
    assert.deepEqual(
      [part.status, part.headers['content-range'], part.headers['content-length'], part.body.length],
      [206, `bytes 10-19/${content.length}`, '10', 0],
    );
    const feed = await raw(`${base}latest.yml`, { method: 'HEAD' });
    assert.equal(feed.status, 200);
    assert.ok(Number(feed.headers['content-length']) > 100);
    assert.equal(feed.body.length, 0);
  });

  test('the blockmap is served like the installer', async () => {
    const r = await raw(`${base}${NAME}.blockmap`, { headers: { range: 'bytes=0-1' } });
    assert.equal(r.status, 206);
    assert.deepEqual([...r.body], [0x1f, 0x8b]); // gzip
  });

  test('refusals: unknown file, unknown or disabled terminal, path traversal', async () => {
    writeFileSync(join(releaseDir, 'stable', 'not-published.exe'), 'stray file in the release directory');
    const refused = [
      `${base}daiban-9.9.9-win-x64.exe`,
      `${base}not-published.exe`,
      `${base}..%2F..%2Fpackage.json`,
      `${base}%2e%2e%2f%2e%2e%2fpackage.json`,
      `${base}..%5C..%5Cpackage.json`,
      `${base}stable%2F${NAME}`,
      `/updates/${terminal.terminalId}/../../package.json`,
      `/updates/${terminal.terminalId}/stable/${NAME}`,
      `/updates/00000000-0000-4000-8000-000000000000/${NAME}`,
      `/updates/not-a-uuid/latest.yml`,
      `/updates/..%2F..%2Fetc/passwd`,
    ];
    for (const path of refused) {
      const r = await raw(path);
      assert.equal(r.status, 404, path);
      assert.equal(JSON.parse(r.body.toString()).code, 'NOT_FOUND', path);
      assert.ok(!r.body.includes(Buffer.from('"name": "daiban"')), path);
    }
    await platform.admin.disableTerminal(terminal.terminalId);
    assert.equal((await get()).status, 404);
    assert.equal((await raw(`${base}latest.yml`)).status, 404);
  });
});
