/**
 * `npm run bench:sync [-- --apps 10000 --ingest-batches 40]`: prints one JSON object.
 * - apps, sync_seconds, wire_bytes_per_app: a village terminal with `apps` queued applications syncs through the
 *   fault proxy capped at 1 Mbit/s with 150 ms latency each way, to a platform on a real PostgreSQL.
 *   Wire bytes are everything that crossed the proxy during that sync, both directions.
 * - ingest_msgs_per_s: signed, gzipped 500-message outbox batches (about 1 KB bodies) posted straight to the
 *   platform on PostgreSQL, two at a time; requests are built before the clock starts, so this is the
 *   platform's rate, not the client's. Median of three rounds.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { LIMITS } from '../../core/sync/protocol';
import { countPending } from '../../db';
import { startPlatform, type RunningPlatform } from '../../platform';
import { createStation } from '../../station/station';
import { startFaultProxy } from '../helpers/fault-proxy';
import { enrollTerminal, outboxBatch, outboxMessage, submittedBody, type SignedRequest } from '../helpers/platform';
import { startPostgres } from '../helpers/postgres';
import { silentLog } from '../helpers/station';
import { PLATFORM_CADRE, POINT_NAME, submitApplication, SYNC_VILLAGE } from '../helpers/sync';

const { values: args } = parseArgs({
  options: { apps: { type: 'string', default: '10000' }, 'ingest-batches': { type: 'string', default: '40' } },
});
const APPS = Number(args.apps);
const INGEST_BATCHES = Number(args['ingest-batches']);
const MBIT = 1_000_000 / 8;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function syncThroughSlowLink(platform: RunningPlatform, workDir: string) {
  const proxy = await startFaultProxy({ targetPort: platform.port });
  // A terminal numbers at most 9,999 receipts a day: the queue is filled over several (clock) days.
  let day = 0;
  const clock = { now: () => new Date(Date.now() + day * 86_400_000) };
  const station = createStation({
    dataDir: join(workDir, 'terminal'),
    key: randomBytes(32),
    clock,
    log: silentLog,
    sync: { autoStart: false, requestTimeoutMs: 120_000 },
  });
  try {
    const { code } = await platform.admin.issueEnrollmentCode({ divisionCode: SYNC_VILLAGE, role: 'village', servicePointName: POINT_NAME });
    await station.call('sync.enroll', { platformUrl: proxy.url, code });
    await station.call('session.login', { username: PLATFORM_CADRE.username, password: PLATFORM_CADRE.password });
    const fillStart = performance.now();
    for (let n = 1; n <= APPS; n++) {
      day = Math.floor(n / 5_000);
      await submitApplication(station, n);
    }
    const fillSeconds = (performance.now() - fillStart) / 1000;

    proxy.setFaults({ latencyMs: 150, bytesPerSecond: MBIT });
    const before = proxy.stats();
    const start = performance.now();
    for (let i = 0; i < 50 && countPending(station.ctx.db) > 0; i++) await station.sync.syncNow();
    const seconds = (performance.now() - start) / 1000;
    const after = proxy.stats();
    const pending = countPending(station.ctx.db);
    const onPlatform = await platform.admin.applicationCount({ divisionCode: SYNC_VILLAGE });
    const wire = after.bytesUp - before.bytesUp + (after.bytesDown - before.bytesDown);
    return { seconds, wire, pending, onPlatform, fillSeconds, bytesUp: after.bytesUp - before.bytesUp, bytesDown: after.bytesDown - before.bytesDown };
  } finally {
    await station.close();
    await proxy.close();
  }
}

async function measureIngest(platform: RunningPlatform): Promise<number[]> {
  const rounds: number[] = [];
  for (let round = 0; round < 3; round++) {
    const terminal = await enrollTerminal(platform, { divisionCode: `3607811022${String(10 + round)}` });
    const requests: SignedRequest[] = [];
    for (let b = 0; b < INGEST_BATCHES; b++) {
      const messages = Array.from({ length: LIMITS.outboxBatchMessages }, () => outboxMessage('application.submitted', submittedBody(terminal.divisionCode)));
      requests.push(terminal.prepare('POST', '/v1/outbox', { json: outboxBatch(messages), gzip: true }));
    }
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const reply = await terminal.send(requests[next++]!);
        if (reply.status !== 200) throw new Error(`outbox answered ${reply.status}: ${reply.bytes.toString()}`);
      }
    };
    const start = performance.now();
    await Promise.all([worker(), worker()]);
    rounds.push((INGEST_BATCHES * LIMITS.outboxBatchMessages) / ((performance.now() - start) / 1000));
  }
  return rounds;
}

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'daiban-bench-sync-'));
  const pg = await startPostgres();
  const platform = await startPlatform({ databaseUrl: pg.url, log: false });
  try {
    await platform.admin.publishCatalog(SEED_CATALOG);
    await platform.admin.createAccount({ ...PLATFORM_CADRE, divisionCode: SYNC_VILLAGE });
    const sync = await syncThroughSlowLink(platform, workDir);
    if (sync.pending !== 0 || sync.onPlatform !== APPS) throw new Error(`sync incomplete: ${sync.pending} pending, ${sync.onPlatform}/${APPS} on the platform`);
    const ingest = await measureIngest(platform);
    console.log(
      JSON.stringify({
        apps: APPS,
        sync_seconds: Number(sync.seconds.toFixed(1)),
        wire_bytes_per_app: Math.round(sync.wire / APPS),
        wire_bytes_up: sync.bytesUp,
        wire_bytes_down: sync.bytesDown,
        link: { bits_per_second: MBIT * 8, latency_ms_each_way: 150 },
        queue_fill_seconds: Number(sync.fillSeconds.toFixed(1)),
        ingest_msgs_per_s: Math.round(median(ingest)),
        ingest_rounds_msgs_per_s: ingest.map(Math.round),
        ingest_backend: 'postgresql',
      }),
    );
  } finally {
    await platform.close();
    await pg.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
