/**
 * `npm run bench:feed`: what a caught-up terminal's poll of the change feed costs as the province writes
 * (issue #18). Real PostgreSQL, the real route through HTTP with signed requests. One run:
 *
 * 1. the village alone: its own 300 changes in the feed; its caught-up poll (`after` = its last change);
 * 2. then 500,000 changes of 2,000 other villages of the province (each submission fanned up to its township
 *    and county, and each village's decisions; other counties of 赣州, so 叶坪乡 and 瑞金市 stay caught up too),
 *    written after the village's last change; the same poll again, the township's and the county's caught-up polls, and the feed's rule before migration 13 (the division filter
 *    after `seq > cursor`) run as plain SQL on the same data, for the "before" figure.
 *
 * Prints JSON: medians over 40 polls each, and the ratios.
 */
import { performance } from 'node:perf_hooks';
import { NATIONWIDE, jurisdictionPrefix, selfAndAncestors } from '../../platform/auth/jurisdiction';
import { startPlatform, type RunningPlatform } from '../../platform';
import { enrollTerminal, type TestTerminal } from '../helpers/platform';
import { startPostgres } from '../helpers/postgres';

const VILLAGE = '360781102201';
const OTHERS = 500_000;
const POLLS = 40;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function lastSeq(platform: RunningPlatform): Promise<string> {
  const [r] = await platform.db.query<{ seq: string }>('SELECT max(seq)::text AS seq FROM changes');
  return r!.seq;
}

/** Median ms of a caught-up poll (nothing new for this terminal after `after`). */
async function poll(t: TestTerminal, after: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < POLLS; i++) {
    const t0 = performance.now();
    const reply = await t.request('GET', `/v1/changes?after=${after}`);
    times.push(performance.now() - t0);
    if (reply.status !== 200) throw new Error(`poll answered ${reply.status}`);
    const page = reply.json<{ changes: unknown[] }>();
    if (page.changes.length !== 0) throw new Error('the terminal was not caught up');
  }
  return median(times);
}

/** The rule before migration 13, as SQL on the same data: the division filter after `seq > cursor`. */
async function oldRule(platform: RunningPlatform, reader: string, after: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < POLLS; i++) {
    const t0 = performance.now();
    await platform.db.query(
      `SELECT c.seq FROM changes c WHERE c.seq > $1::bigint
         AND (CASE WHEN c.fan_up THEN c.division_code LIKE $3 AND c.division_code <> $4
                   WHEN c.exact THEN c.division_code = $4
                   ELSE c.division_code = ANY($2::text[]) END)
       ORDER BY c.seq LIMIT 201`,
      [after, [...selfAndAncestors(reader), NATIONWIDE], `${jurisdictionPrefix(reader)}%`, reader],
    );
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** `n` changes of the other villages: a submission fanned up and a decision to the village, alternating. */
async function writeOthers(platform: RunningPlatform, n: number): Promise<void> {
  const step = 50_000;
  for (let from = 0; from < n; from += step) {
    await platform.db.query(
      `INSERT INTO changes (kind, division_code, fan_up, exact, body, created_at)
       SELECT CASE WHEN i % 2 = 0 THEN 'application.received' ELSE 'application.decided' END,
              -- 2,000 villages in 40 townships of 10 counties, none of them 华屋村
              '3607' || lpad((82 + (i / 2 % 2000) / 200)::text, 2, '0') || lpad((101 + (i / 2 % 200) / 20)::text, 3, '0')
                     || lpad((201 + i / 2 % 20)::text, 3, '0'),
              i % 2 = 0, false,
              jsonb_build_object('applicationId', gen_random_uuid(), 'receiptNo', 'R' || i, 'status', 'sent', 'receivedAt', now()),
              now()
       FROM generate_series($1::int, $2::int) AS i`,
      [from, Math.min(from + step, n) - 1],
    );
  }
}

async function main(): Promise<void> {
  const pg = await startPostgres();
  let platform: RunningPlatform | null = null;
  try {
    platform = await startPlatform({ databaseUrl: await pg.createDatabase('feed_bench'), log: false });
    const village = await enrollTerminal(platform, { divisionCode: VILLAGE });
    const township = await enrollTerminal(platform, { divisionCode: '360781102', role: 'township' });
    const county = await enrollTerminal(platform, { divisionCode: '360781', role: 'county' });
    await platform.db.query(
      `INSERT INTO changes (kind, division_code, fan_up, exact, body, created_at)
       SELECT 'application.decided', $1, false, false, jsonb_build_object('n', i), now() FROM generate_series(1, 300) AS i`,
      [VILLAGE],
    );
    // The township and the county read the village's fan-up: one, so they have a change of their own.
    await platform.db.query(
      `INSERT INTO changes (kind, division_code, fan_up, exact, body, created_at) VALUES ('application.received', $1, true, false, '{}', now())`,
      [VILLAGE],
    );
    const caughtUp = await lastSeq(platform);
    const alone = await poll(village, caughtUp);
    const oldAlone = await oldRule(platform, VILLAGE, caughtUp);

    const t0 = performance.now();
    await writeOthers(platform, OTHERS);
    const writeSeconds = (performance.now() - t0) / 1000;
    await platform.db.query('ANALYZE changes');
    await platform.db.query('ANALYZE change_audience');

    const withOthers = await poll(village, caughtUp);
    const townshipPoll = await poll(township, caughtUp);
    const countyPoll = await poll(county, caughtUp);
    const oldWithOthers = await oldRule(platform, VILLAGE, caughtUp);
    const [size] = await platform.db.query<{ changes: string; audience: string }>(
      `SELECT pg_size_pretty(pg_total_relation_size('changes')) AS changes, pg_size_pretty(pg_total_relation_size('change_audience')) AS audience`,
    );
    const result = {
      bench: 'feed',
      backend: 'postgresql',
      otherChanges: OTHERS,
      writeOthersSeconds: Number(writeSeconds.toFixed(1)),
      polls: POLLS,
      villageAloneMs: Number(alone.toFixed(2)),
      villageWithOthersMs: Number(withOthers.toFixed(2)),
      ratio: Number((withOthers / alone).toFixed(2)),
      townshipWithOthersMs: Number(townshipPoll.toFixed(2)),
      countyWithOthersMs: Number(countyPoll.toFixed(2)),
      oldRuleAloneMs: Number(oldAlone.toFixed(2)),
      oldRuleWithOthersMs: Number(oldWithOthers.toFixed(2)),
      oldRatio: Number((oldWithOthers / oldAlone).toFixed(2)),
      tableSizes: size,
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await platform?.close();
    await pg.stop();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
