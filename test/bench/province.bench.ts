/**
 * `npm run bench:province [-- --townships 100 --villages 19 --seconds 30 --speeds 1,2,4,8]`: prints one JSON
 * object. A slice of a province (townships × villages terminals plus one per township, enrolled for real)
 * against platform instances run as `platform serve` processes on one PostgreSQL: first one instance, then
 * two behind Debian's HAProxy. Each stage runs every terminal's sync (probe, scans and applications now and
 * then, decisions at the townships, the change feed, the heartbeat) once a minute divided by the stage's
 * speed, so `terminals × speed` terminals' worth of requests arrive. Per stage: p50/p99 per route, errors,
 * and the CPU of the platform processes and of PostgreSQL per 1,000 terminals' worth.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { startPlatform } from '../../platform';
import { startHaproxy } from '../helpers/haproxy';
import { startPostgres } from '../helpers/postgres';
import { startPlatformProcess, type PlatformProcess } from './platform-process';
import { postgresCpuSeconds, processCpuSeconds } from './proc-cpu';
import { enrollSim, provinceSlice, Recorder, summarize, syncRun, type SimTerminal } from './province-sim';

const { values: args } = parseArgs({
  options: {
    townships: { type: 'string', default: '100' },
    villages: { type: 'string', default: '19' },
    seconds: { type: 'string', default: '30' },
    speeds: { type: 'string', default: '1,2,4,8' },
    'work-chance': { type: 'string', default: '0.03' },
  },
});
const SECONDS = Number(args.seconds);
const SPEEDS = args.speeds.split(',').map(Number);
const WORK_CHANCE = Number(args['work-chance']);
const CYCLE_MS = 60_000;

/** Every terminal runs its sync every CYCLE_MS / speed (first runs spread over one cycle) until the stage ends. */
async function runStage(terminals: SimTerminal[], baseUrl: string, speed: number, pids: number[]) {
  const rec = new Recorder();
  const cycle = CYCLE_MS / speed;
  const cpu0 = pids.map((pid) => processCpuSeconds(pid));
  const pg0 = postgresCpuSeconds();
  const self0 = process.cpuUsage();
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(
    terminals.map(async (s) => {
      await new Promise((r) => setTimeout(r, Math.random() * cycle));
      while (Date.now() < end) {
        const started = Date.now();
        await syncRun(s, baseUrl, rec, { workChance: WORK_CHANCE });
        const wait = cycle * (0.8 + Math.random() * 0.4) - (Date.now() - started);
        if (Date.now() + wait >= end) break;
        await new Promise((r) => setTimeout(r, Math.max(0, wait)));
      }
    }),
  );
  const elapsed = SECONDS;
  const platformCpu = pids.reduce((n, pid, i) => n + processCpuSeconds(pid) - cpu0[i]!, 0);
  const pgCpu = postgresCpuSeconds() - pg0;
  const self = process.cpuUsage(self0);
  const equivalents = terminals.length * speed;
  const routes = summarize(rec);
  return {
    speed,
    terminal_equivalents: equivalents,
    requests_per_s: Math.round(Object.values(routes).reduce((n, r) => n + r.requests, 0) / elapsed),
    routes,
    held: Object.values(routes).every((r) => r.p99_ms < 200 && r.errors === 0),
    platform_cpu_s: Number(platformCpu.toFixed(1)),
    postgres_cpu_s: Number(pgCpu.toFixed(1)),
    load_generator_cpu_s: Number(((self.user + self.system) / 1e6).toFixed(1)),
    platform_cores_per_1000_terminals: Number((platformCpu / elapsed / (equivalents / 1000)).toFixed(3)),
    postgres_cores_per_1000_terminals: Number((pgCpu / elapsed / (equivalents / 1000)).toFixed(3)),
  };
}

async function main() {
  const pg = await startPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'daiban-bench-province-'));
  const admin = await startPlatform({ databaseUrl: pg.url, log: false, releaseDir: join(dir, 'releases') });
  const instances: PlatformProcess[] = [];
  try {
    await admin.admin.publishCatalog(SEED_CATALOG);
    const slice = provinceSlice(Number(args.townships), Number(args.villages));
    const terminals: SimTerminal[] = [];
    const enrollStart = performance.now();
    for (let i = 0; i < slice.length; i += 50) {
      const group = slice.slice(i, i + 50);
      terminals.push(
        ...(await Promise.all(
          group.map(async (d) => {
            const { code } = await admin.admin.issueEnrollmentCode({ divisionCode: d.code, role: d.role, servicePointName: `模拟服务点${d.code}` });
            return enrollSim(admin.url, code, d.role);
          }),
        )),
      );
    }
    const enrollSeconds = (performance.now() - enrollStart) / 1000;

    const one = await startPlatformProcess(pg.url, join(dir, 'releases'));
    instances.push(one);
    const single = [];
    for (const speed of SPEEDS) single.push(await runStage(terminals, one.url, speed, [one.child.pid!]));

    await one.stop();
    const two = await startPlatformProcess(pg.url, join(dir, 'releases'), { trustProxy: true });
    instances.push(two);
    const oneBehind = await startPlatformProcess(pg.url, join(dir, 'releases'), { trustProxy: true });
    instances.push(oneBehind);
    const haproxy = await startHaproxy([two.port, oneBehind.port]);
    const double = [];
    try {
      for (const speed of SPEEDS) double.push(await runStage(terminals, haproxy.url, speed, [two.child.pid!, oneBehind.child.pid!]));
    } finally {
      await haproxy.stop();
    }
    const [apps] = await admin.db.query<{ n: number }>('SELECT count(*)::int AS n FROM applications');
    const [decisions] = await admin.db.query<{ n: number }>('SELECT count(*)::int AS n FROM decisions');
    // What a province's disk holds per application, from this run's tables (docs/platform.md, Retention).
    const sizes = await admin.db.query<{ name: string; bytes: string }>(
      `SELECT t AS name, pg_total_relation_size(t::regclass)::text AS bytes
       FROM unnest(ARRAY['applications', 'messages', 'changes', 'change_audience', 'decisions', 'blobs', 'blob_chunks']) AS t`,
    );
    const perApplication = Object.fromEntries(sizes.map((r) => [r.name, Math.round(Number(r.bytes) / Math.max(1, apps!.n))]));
    const heldBy = (stages: { held: boolean; terminal_equivalents: number }[]) =>
      Math.max(0, ...stages.filter((s) => s.held).map((s) => s.terminal_equivalents));
    console.log(
      JSON.stringify({
        terminals: terminals.length,
        townships: Number(args.townships),
        stage_seconds: SECONDS,
        sync_every_s: CYCLE_MS / 1000,
        work_chance_per_sync: WORK_CHANCE,
        enroll_seconds: Number(enrollSeconds.toFixed(1)),
        applications_stored: apps!.n,
        decisions_stored: decisions!.n,
        disk_bytes_per_application: perApplication,
        held_terminals_one_instance: heldBy(single),
        held_terminals_two_instances: heldBy(double),
        one_instance: single,
        two_instances_haproxy: double,
      }),
    );
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    await admin.close();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
