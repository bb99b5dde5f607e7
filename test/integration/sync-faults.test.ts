import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { countPending } from '../../db';
import { startPlatform, type PlatformOptions, type RunningPlatform } from '../../platform';
import { createStation, type Station } from '../../station/station';
import type { SyncOptions } from '../../station/sync/agent';
import { startFaultProxy, type Faults, type FaultProxy } from '../helpers/fault-proxy';
import { startHaproxy, type Haproxy } from '../helpers/haproxy';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { silentLog } from '../helpers/station';
import { noisyScan, PLATFORM_CADRE, POINT_NAME, submitApplication, SYNC_VILLAGE } from '../helpers/sync';

/**
 * DESIGN.md §5's promise under a hostile network: latency and a thin pipe, random resets, responses cut off
 * after the platform acted, a black hole, a refused link, a platform restart and a terminal killed with -9 in
 * the middle of a sync. Once the faults stop, every application is on the platform exactly once, every
 * acknowledged message is marked sent on the terminal, and nothing is stuck.
 */

const SYNC: SyncOptions = { autoStart: false, requestTimeoutMs: 1_500, backoff: { baseMs: 20, capMs: 200 } };
const child = join(import.meta.dirname, '..', 'fixtures', 'sync-child.ts');

/**
 * Each fault, the sync runs tried under it (a black hole costs a probe timeout per run), and whether every run
 * must fail (random resets may spare one).
 */
const FAULTS: { name: string; faults: Faults; runs: number; fails: boolean }[] = [
  { name: 'slow link', faults: { latencyMs: 150, bytesPerSecond: 64 * 1024 }, runs: 2, fails: false },
  { name: 'random resets', faults: { resetProbability: 0.3 }, runs: 2, fails: false },
  { name: 'responses cut off', faults: { cutResponseAfterBytes: 400 }, runs: 2, fails: true },
  { name: 'black hole', faults: { blackHole: true }, runs: 1, fails: true },
  { name: 'link refused', faults: { refuse: true }, runs: 2, fails: true },
];

/** A platform that can be stopped and started again on the same port and database. */
class RestartablePlatform {
  current!: RunningPlatform;
  constructor(private readonly options: PlatformOptions) {}
  async start(port = 0): Promise<RunningPlatform> {
    this.current = await startPlatform({ ...this.options, port, log: false });
    return this.current;
  }
  async restart(): Promise<void> {
    const { port } = this.current;
    await this.current.close();
    await this.start(port);
  }
}

/** Runs the child terminal until it is in the middle of pushing, then kills it with SIGKILL. */
async function killMidSync(dataDir: string, key: Buffer): Promise<string> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child], {
    env: { ...process.env, DAIBAN_DATA_DIR: dataDir, DAIBAN_KEY: key.toString('hex') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
  let phase = 'none';
  for await (const line of createInterface({ input: proc.stdout })) {
    const status = (JSON.parse(line) as { status?: { phase: string } }).status;
    if (status && ['blobs', 'outbox'].includes(status.phase)) {
      phase = status.phase;
      break;
    }
  }
  await new Promise((r) => setTimeout(r, 150));
  proc.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
  return phase;
}

// The third: two instances on one database behind Debian's HAProxy; the restart below takes one of them away.
for (const backend of ['PGlite', 'PostgreSQL', 'PostgreSQL, two instances behind HAProxy'] as const) {
  describe(`sync under faults (${backend})`, () => {
    let pg: TestPostgres | null = null;
    let platformDir: string;
    let platform: RestartablePlatform;
    let second: RunningPlatform | null = null;
    let lb: Haproxy | null = null;
    let proxy: FaultProxy;

    before(async () => {
      platformDir = mkdtempSync(join(tmpdir(), 'daiban-faults-'));
      if (backend !== 'PGlite') pg = await startPostgres();
      const balanced = backend.includes('HAProxy');
      const shared: PlatformOptions = balanced ? { trustProxy: ['127.0.0.1'], releaseDir: join(platformDir, 'releases') } : {};
      platform = new RestartablePlatform(pg ? { databaseUrl: pg.url, ...shared } : { dataDir: join(platformDir, 'pglite') });
      const p = await platform.start();
      await p.admin.publishCatalog(SEED_CATALOG);
      await p.admin.createAccount({ ...PLATFORM_CADRE, divisionCode: SYNC_VILLAGE });
      if (balanced) {
        second = await startPlatform({ databaseUrl: pg!.url, ...shared, log: false });
        lb = await startHaproxy([p.port, second.port]);
      }
      proxy = await startFaultProxy({ targetPort: lb?.port ?? p.port });
    });
    after(async () => {
      await proxy?.close();
      await lb?.stop();
      await second?.close();
      await platform?.current?.close();
      await pg?.stop();
      rmSync(platformDir, { recursive: true, force: true });
    });

    it('delivers every application exactly once whatever the network and the processes do', { timeout: 240_000 }, async () => {
      const dataDir = join(platformDir, 'terminal');
      const key = randomBytes(32);
      const open = () => createStation({ dataDir, key, log: silentLog, sync: SYNC });
      let station: Station = open();
      const { code } = await platform.current.admin.issueEnrollmentCode({ divisionCode: SYNC_VILLAGE, role: 'village', servicePointName: POINT_NAME });
      await station.call('sync.enroll', { platformUrl: proxy.url, code });
      await station.call('session.login', { username: PLATFORM_CADRE.username, password: PLATFORM_CADRE.password });

      const scans = [await noisyScan(320, 240), await noisyScan(240, 180)];
      let n = 0;
      const submitSome = async (count: number, withScans = false) => {
        for (let i = 0; i < count; i++) await submitApplication(station, ++n, withScans && i === 0 ? scans : []);
      };
      await submitSome(6, true);

      // Each fault in turn, with new applications arriving while the link misbehaves.
      for (const { name, faults, runs, fails } of FAULTS) {
        proxy.setFaults(faults);
        await submitSome(4, true);
        for (let i = 0; i < runs; i++) await station.sync.syncNow();
        proxy.dropAll();
        if (fails) assert.ok(station.sync.status().lastError, `${name}: the cadre is told the sync failed`);
      }

      // The platform goes away in the middle of a run and comes back on the same port and database.
      proxy.setFaults({ bytesPerSecond: 256 * 1024 });
      await submitSome(6, true);
      const running = station.sync.syncNow();
      await new Promise((r) => setTimeout(r, 300));
      await platform.restart();
      await running;

      // The terminal process is killed with -9 in the middle of a sync, then opened again.
      await submitSome(6, true);
      await station.close();
      const killedIn = await killMidSync(dataDir, key);
      assert.ok(['blobs', 'outbox'].includes(killedIn));
      station = open();
      await station.call('session.login', { username: PLATFORM_CADRE.username, password: PLATFORM_CADRE.password });

      // The faults stop: a few runs drain everything.
      proxy.setFaults({});
      for (let i = 0; i < 10 && (countPending(station.ctx.db) > 0 || station.sync.status().pendingBlobs > 0); i++) {
        await station.sync.syncNow();
      }

      const local = station.ctx.db.prepare(`SELECT id, status FROM applications WHERE status != 'draft'`).all() as { id: string; status: string }[];
      assert.equal(local.length, n);
      assert.deepEqual(new Set(local.map((a) => a.status)), new Set(['sent']), 'every acknowledged application is marked sent');
      const outbox = station.ctx.db.prepare('SELECT status, count(*) AS c FROM outbox GROUP BY status').all() as { status: string; c: number }[];
      assert.deepEqual(
        outbox.filter((r) => !['accepted', 'duplicate'].includes(r.status)),
        [],
        'nothing pending, invalid or in conflict',
      );
      assert.equal(station.sync.status().pendingBlobs, 0);
      assert.ok(
        outbox.some((r) => r.status === 'duplicate'),
        'a message the platform took but whose answer was lost came back as a duplicate',
      );

      const admin = platform.current.admin;
      assert.equal(await admin.applicationCount(), n, 'each application on the platform exactly once');
      // The audit chain goes up beside the outbox (as audit.entries runs read from the chain itself).
      const [audit] = await platform.current.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE kind = 'audit.entries'`);
      assert.equal(await admin.messageCount(), outbox.reduce((s, r) => s + r.c, 0) + audit!.n, 'each message stored once');
      const [chain] = await platform.current.db.query<{ n: number; seqs: number; max: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT seq)::int AS seqs, max(seq)::int AS max FROM audit_entries',
      );
      assert.deepEqual([chain!.n, chain!.seqs], [chain!.max, chain!.max], 'each audit entry stored once, none missing');
      assert.deepEqual(await platform.current.db.query('SELECT kind FROM audit_findings'), [], 'faults are no tampering');
      assert.deepEqual(await admin.listConflicts(), []);
      for (const a of local) assert.ok(await admin.getApplication(a.id), `application ${a.id} reached the platform`);
      await station.close();
    });
  });
}
