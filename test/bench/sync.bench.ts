/**
 * `npm run bench:sync [-- --apps 10000 --ingest-batches 40 --skip-ingest | --only-ingest]`: prints one JSON object. The platform
 * runs as `platform serve` in its own process on a real PostgreSQL (test/bench/platform-process.ts), so the CPU
 * this process uses during the sync is the terminal's.
 * - sync: a village terminal with `apps` realistic applications queued (distinct residents with valid ID
 *   numbers, addresses, households' 低保 forms, free text) syncs through the fault proxy capped at 1 Mbit/s with
 *   150 ms latency each way. Wire bytes are everything that crossed the proxy, both directions; the physical
 *   limit is those bytes at the link's rate plus one round trip (300 ms) per HTTP request the terminal made.
 * - ingest: signed, gzipped outbox batches posted straight to the platform by two villages at once, realistic
 *   bodies and the old near-identical ones; against the same realistic rows as plain multi-row INSERTs from
 *   two connections (equal concurrency) and from one (the issue's baseline) (test/bench/ingest-rate.ts).
 *   Medians of three rounds. `--only-ingest` skips the sync through the slow link.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { countPending } from '../../db';
import { startPlatform, type RunningPlatform } from '../../platform';
import { createStation, type Station } from '../../station/station';
import { startFaultProxy } from '../helpers/fault-proxy';
import { allMaterials } from '../helpers/forms';
import { submittedBody } from '../helpers/platform';
import { startPostgres } from '../helpers/postgres';
import { silentLog } from '../helpers/station';
import { PLATFORM_CADRE, POINT_NAME, recordingFetch, SYNC_VILLAGE } from '../helpers/sync';
import { acceptedDibaoForm, idNumber, pad, rand, randomAddress, randomName, realisticSubmission } from './county-data';
import { insertCeiling, measureIngest, median } from './ingest-rate';
import { startPlatformProcess, type PlatformProcess } from './platform-process';
import { postgresCpuSeconds, processCpuSeconds } from './proc-cpu';

const { values: args } = parseArgs({
  options: {
    apps: { type: 'string', default: '10000' },
    'ingest-batches': { type: 'string', default: '40' },
    'skip-ingest': { type: 'boolean', default: false },
    'only-ingest': { type: 'boolean', default: false },
  },
});
const APPS = Number(args.apps);
const INGEST_BATCHES = Number(args['ingest-batches']);
const BITS_PER_SECOND = 1_000_000;
const LATENCY_MS = 150;
const DIBAO = SEED_CATALOG.items.find((i) => i.code === 'MZ-0001')!;

/** One application as a cadre takes it: a distinct resident with an address and phone, a household's form. */
async function submitRealistic(station: Station, n: number): Promise<void> {
  // A county has few enough birth dates per sequence number that a big queue draws a number twice: draw again.
  const register = () =>
    station.call('residents.register', {
      idNumber: idNumber(n),
      name: randomName(),
      phone: `139${pad(Math.floor(rand() * 1e8), 8)}`,
      address: randomAddress(),
    });
  let resident = await register().catch((e: { code?: string }) => (e.code === 'DUPLICATE_RESIDENT' ? null : Promise.reject(e)));
  while (!resident) resident = await register().catch((e: { code?: string }) => (e.code === 'DUPLICATE_RESIDENT' ? null : Promise.reject(e)));
  const draft = await station.call('applications.createDraft', { residentId: resident.id, itemCode: DIBAO.code });
  await station.call('applications.saveDraft', { id: draft.id, form: acceptedDibaoForm(n), materials: allMaterials(DIBAO) });
  await station.call('applications.submit', { id: draft.id });
}

async function syncThroughSlowLink(admin: RunningPlatform, platformPort: number, workDir: string) {
  const proxy = await startFaultProxy({ targetPort: platformPort });
  const rec = recordingFetch();
  // A terminal numbers at most 9,999 receipts a day: the queue is filled over several (clock) days.
  let day = 0;
  const clock = { now: () => new Date(Date.now() + day * 86_400_000) };
  const station = createStation({
    dataDir: join(workDir, 'terminal'),
    key: randomBytes(32),
    clock,
    log: silentLog,
    sync: { autoStart: false, requestTimeoutMs: 120_000, fetch: rec.fetch },
  });
  try {
    const { code } = await admin.admin.issueEnrollmentCode({ divisionCode: SYNC_VILLAGE, role: 'village', servicePointName: POINT_NAME });
    await station.call('sync.enroll', { platformUrl: proxy.url, code });
    await station.call('session.login', { username: PLATFORM_CADRE.username, password: PLATFORM_CADRE.password });
    const fillStart = performance.now();
    for (let n = 1; n <= APPS; n++) {
      day = Math.floor(n / 5_000);
      await submitRealistic(station, n);
    }
    const fillSeconds = (performance.now() - fillStart) / 1000;

    proxy.setFaults({ latencyMs: LATENCY_MS, bytesPerSecond: BITS_PER_SECOND / 8 });
    const before = proxy.stats();
    const requestsBefore = rec.calls.length;
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < 50 && countPending(station.ctx.db) > 0; i++) await station.sync.syncNow();
    const seconds = (performance.now() - start) / 1000;
    const cpuUsed = process.cpuUsage(cpu);
    const after = proxy.stats();
    const bytesUp = after.bytesUp - before.bytesUp;
    const bytesDown = after.bytesDown - before.bytesDown;
    const requests = rec.calls.length - requestsBefore;
    return {
      seconds,
      bytesUp,
      bytesDown,
      requests,
      limitSeconds: ((bytesUp + bytesDown) * 8) / BITS_PER_SECOND + (requests * 2 * LATENCY_MS) / 1000,
      stationCpuSeconds: (cpuUsed.user + cpuUsed.system) / 1e6,
      pending: countPending(station.ctx.db),
      onPlatform: await admin.admin.applicationCount({ divisionCode: SYNC_VILLAGE }),
      fillSeconds,
    };
  } finally {
    await station.close();
    await proxy.close();
  }
}

async function ingestFigures(admin: RunningPlatform, served: PlatformProcess, databaseUrl: string) {
  // Terminals enrolled through the admin instance, their requests sent to the measured process.
  const target = { ...admin, url: served.url };
  // CPU cores used during each timed round: the platform process and PostgreSQL.
  const cpu = () => ({ platform: processCpuSeconds(served.child.pid!), postgres: postgresCpuSeconds() });
  const identical = await measureIngest(target, (division) => submittedBody(division), { batches: INGEST_BATCHES, rounds: 3, villageSuffix: 2210 });
  const realistic = await measureIngest(target, realisticSubmission, { batches: INGEST_BATCHES, rounds: 3, villageSuffix: 2220, cpu });
  const allRows = await insertCeiling(databaseUrl, realisticSubmission, { batches: INGEST_BATCHES, rounds: 3, rows: 'ingest', cpu });
  const applications = await insertCeiling(databaseUrl, realisticSubmission, { batches: INGEST_BATCHES, rounds: 3, rows: 'applications' });
  // The issue's baseline (its ~9,400/s was one connection), beside the stricter one at equal concurrency.
  const oneConnection = await insertCeiling(databaseUrl, realisticSubmission, { batches: INGEST_BATCHES, rounds: 3, rows: 'ingest', connections: 1 });
  const rate = median(realistic.rates);
  return {
    ingest_realistic_msgs_per_s: Math.round(rate),
    ingest_realistic_rounds: realistic.rates.map(Math.round),
    ingest_realistic_body_bytes: realistic.bodyBytes,
    ingest_realistic_gzip_bytes: realistic.gzipBytes,
    ingest_realistic_cores: realistic.cores,
    insert_ceiling_all_rows_msgs_per_s: Math.round(median(allRows.rates)),
    insert_ceiling_all_rows_cores: allRows.cores,
    ingest_ratio_to_insert_all_rows: Number((rate / median(allRows.rates)).toFixed(2)),
    insert_ceiling_all_rows_one_connection_msgs_per_s: Math.round(median(oneConnection.rates)),
    ingest_ratio_to_insert_one_connection: Number((rate / median(oneConnection.rates)).toFixed(2)),
    insert_ceiling_applications_msgs_per_s: Math.round(median(applications.rates)),
    ingest_ratio_to_insert_applications: Number((rate / median(applications.rates)).toFixed(2)),
    ingest_identical_msgs_per_s: Math.round(median(identical.rates)),
    ingest_identical_body_bytes: identical.bodyBytes,
    ingest_identical_gzip_bytes: identical.gzipBytes,
  };
}

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'daiban-bench-sync-'));
  const pg = await startPostgres();
  const admin = await startPlatform({ databaseUrl: pg.url, log: false, releaseDir: join(workDir, 'releases') });
  const served = await startPlatformProcess(pg.url, join(workDir, 'releases'));
  try {
    await admin.admin.publishCatalog(SEED_CATALOG);
    await admin.admin.createAccount({ ...PLATFORM_CADRE, divisionCode: SYNC_VILLAGE });
    if (args['only-ingest']) {
      console.log(JSON.stringify({ ...(await ingestFigures(admin, served, pg.url)), backend: 'postgresql' }));
      return;
    }
    const sync = await syncThroughSlowLink(admin, served.port, workDir);
    if (sync.pending !== 0 || sync.onPlatform !== APPS) throw new Error(`sync incomplete: ${sync.pending} pending, ${sync.onPlatform}/${APPS} on the platform`);
    console.log(
      JSON.stringify({
        apps: APPS,
        sync_seconds: Number(sync.seconds.toFixed(1)),
        physical_limit_seconds: Number(sync.limitSeconds.toFixed(1)),
        ratio_to_physical_limit: Number((sync.seconds / sync.limitSeconds).toFixed(2)),
        requests: sync.requests,
        wire_bytes_per_app: Math.round((sync.bytesUp + sync.bytesDown) / APPS),
        wire_bytes_up: sync.bytesUp,
        wire_bytes_down: sync.bytesDown,
        station_cpu_seconds: Number(sync.stationCpuSeconds.toFixed(1)),
        link: { bits_per_second: BITS_PER_SECOND, latency_ms_each_way: LATENCY_MS },
        queue_fill_seconds: Number(sync.fillSeconds.toFixed(1)),
        ...(args['skip-ingest'] ? {} : await ingestFigures(admin, served, pg.url)),
        backend: 'postgresql',
      }),
    );
  } finally {
    await served.stop();
    await admin.close();
    await pg.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
