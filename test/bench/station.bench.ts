/**
 * npm run bench:station — the terminal's hot paths on a store the size of a busy village after years of
 * use: 100,000 residents and 1,000,000 applications, encrypted. Prints one JSON object.
 * Options (env): BENCH_RESIDENTS, BENCH_APPLICATIONS, BENCH_SUBMITS, BENCH_SEARCHES.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { idNumber, pad, pick, rand, randomName } from './county-data';
import { namePinyinKeys } from '../../core/pinyin-keys';
import { checkIntegrity, findUserByUsername } from '../../db';
import { provisionStation } from '../../station/setup/provision';
import { renderReceiptPdf } from '../../station/printing/documents/receipt-pdf';
import { receiptData } from '../../station/printing/receipt-handlers';
import { loadApplication } from '../../station/intake/applications';
import { createStation } from '../../station/station';
import { allMaterials, validValues } from '../helpers/forms';

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 100_000);
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 1_000_000);
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 500);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 300);

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const round = (x: number) => Math.round(x * 100) / 100;
const time = (f: () => unknown) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const timeAsync = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'daiban-bench-'));
  const key = randomBytes(32);
  const log = pino({ level: 'silent' });
  let station = createStation({ dataDir, key, log });
  await provisionStation(station, {
    servicePoint: { name: '瑞金市叶坪乡华屋村为民服务代办点', divisionCode: '360781102201', terminalNo: 1 },
    catalog: SEED_CATALOG,
    users: [{ username: 'bench', password: 'Bench2026x', displayName: '测试代办员', role: 'cadre' }],
  });
  // The same first answer on the empty store, for the ratio (issue #18: within 1.5x on a million applications).
  station.close();
  const emptyFirstAnswerMs = await timeAsync(async () => {
    station = createStation({ dataDir, key, log });
    await station.call('session.login', { username: 'bench', password: 'Bench2026x' });
  });
  await station.call('session.logout', {});
  const db = station.ctx.db;
  const userId = findUserByUsername(db, 'bench')!.id;
  const items = SEED_CATALOG.items;

  // Bulk load straight into the tables (the API would take hours for a million rows).
  const loadStart = performance.now();
  const residentIds: string[] = [];
  const names: string[] = [];
  const ids: string[] = [];
  const insertResident = db.prepare(
    `INSERT INTO residents (id, id_number, id_reversed, name, name_pinyin, name_initials, gender, birth_date, phone, phone_reversed, address, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
  );
  const pinyinCache = new Map<string, { full: string; initials: string }>();
  db.transaction(() => {
    for (let i = 0; i < RESIDENTS; i++) {
      const id = uuidv7(); // the outbox's schema wants a resident's id to be a UUID
      const name = randomName();
      let keys = pinyinCache.get(name);
      if (!keys) pinyinCache.set(name, (keys = namePinyinKeys(name)));
      let number = idNumber(i);
      while (ids.length > 0 && number === ids[ids.length - 1]) number = idNumber(i);
      const phone = `139${pad(Math.floor(rand() * 1e8), 8)}`;
      try {
        insertResident.run(
          id,
          number,
          [...number].reverse().join(''),
          name,
          keys.full,
          keys.initials,
          rand() < 0.5 ? 'male' : 'female',
          '1960-01-01',
          phone,
          [...phone].reverse().join(''),
          userId,
          '2024-01-01T00:00:00.000Z',
          '2024-01-01T00:00:00.000Z',
        );
      } catch {
        continue; // a rare random duplicate ID number
      }
      residentIds.push(id);
      names.push(name);
      ids.push(number);
    }
  })();
  const insertApp = db.prepare(
    `INSERT INTO applications (id, resident_id, item_code, catalog_version, status, form, receipt_no, submitted_at, due_date, receipt_prints, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '{"reason":"历史数据"}', ?, ?, ?, 1, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO application_events (id, application_id, at, type, from_status, to_status, actor_id) VALUES (?, ?, ?, 'submit', 'draft', ?, ?)`,
  );
  const statuses = ['completed', 'completed', 'completed', 'approved', 'rejected', 'withdrawn', 'under_review', 'sent'];
  const chunk = 50_000;
  for (let start = 0; start < APPLICATIONS; start += chunk) {
    db.transaction(() => {
      for (let i = start; i < Math.min(APPLICATIONS, start + chunk); i++) {
        const day = new Date(Date.UTC(2021, 0, 1) + Math.floor((i / APPLICATIONS) * 5 * 365) * 86_400_000);
        const at = day.toISOString();
        const ymd = at.slice(0, 10);
        const status = pick(statuses);
        const id = `a${pad(i, 9)}`;
        insertApp.run(
          id,
          pick(residentIds),
          pick(items).code,
          SEED_CATALOG.version,
          status,
          `360781102201-${ymd.replaceAll('-', '')}-01-${pad(i, 8)}`,
          at,
          ymd,
          userId,
          at,
          at,
        );
        insertEvent.run(`e${pad(i, 9)}`, id, at, status, userId);
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  const loadSeconds = (performance.now() - loadStart) / 1000;

  // Reopen: measures opening a big store (key, migrations; its quick_check runs in a worker) and the first
  // answer (the login), and starts the timings cold. The quick_check is also timed on the main thread, as it ran before.
  station.close();
  const openMs = time(() => (station = createStation({ dataDir, key, log })));
  const firstAnswerMs = openMs + (await timeAsync(() => station.call('session.login', { username: 'bench', password: 'Bench2026x' })));
  for (let i = 0; i < 1200 && station.ctx.storeIntegrity().state === 'checking'; i++) await new Promise((r) => setTimeout(r, 50));
  const background = station.ctx.storeIntegrity();
  const quickCheckMs = time(() => checkIntegrity(station.ctx.db, false));

  // Submit: the whole API call (validation, receipt number, due date, event, outbox, audit, one fsync'd commit).
  const submitMs: number[] = [];
  const submitted: string[] = [];
  for (let i = 0; i < SUBMITS; i++) {
    const item = items[i % items.length]!;
    const draft = await station.call('applications.createDraft', { residentId: pick(residentIds), itemCode: item.code });
    await station.call('applications.saveDraft', { id: draft.id, form: validValues(item.form.fields), materials: allMaterials(item) });
    submitMs.push(await timeAsync(() => station.call('applications.submit', { id: draft.id })));
    submitted.push(draft.id);
  }

  // Search: the three ways a cadre looks someone up.
  const searchKinds: Record<string, () => string> = {
    name: () => {
      const n = pick(names);
      return n.slice(0, 2);
    },
    initials: () => namePinyinKeys(pick(names)).initials,
    id_digits: () => pick(ids).slice(-4),
  };
  const searchP99: Record<string, number> = {};
  const searchP50: Record<string, number> = {};
  for (const [kind, query] of Object.entries(searchKinds)) {
    const xs: number[] = [];
    for (let i = 0; i < SEARCHES; i++) {
      const q = query();
      xs.push(await timeAsync(() => station.call('residents.search', { query: q, limit: 20 })));
    }
    searchP99[kind] = round(percentile(xs, 99));
    searchP50[kind] = round(percentile(xs, 50));
  }

  // Receipts: the first render in the process pays for loading the CJK font.
  const app = loadApplication(station.ctx, submitted[0]!);
  const data = receiptData(station.ctx, app as Parameters<typeof receiptData>[1], false);
  const coldMs = await timeAsync(() => renderReceiptPdf(data, '80mm'));
  const warm: number[] = [];
  for (let i = 0; i < 50; i++) warm.push(await timeAsync(() => renderReceiptPdf(data, i % 2 ? 'a4' : '80mm')));

  const listMs: number[] = [];
  for (let i = 0; i < 50; i++) listMs.push(await timeAsync(() => station.call('applications.list', { limit: 50 })));
  const statsMs = await timeAsync(() => station.call('stats.overview', {}));

  const result = {
    residents: residentIds.length,
    applications: APPLICATIONS + SUBMITS,
    store_bytes: statSync(join(dataDir, 'daiban.db')).size,
    load_seconds: round(loadSeconds),
    open_ms: round(openMs),
    first_answer_ms: round(firstAnswerMs),
    empty_store_first_answer_ms: round(emptyFirstAnswerMs),
    first_answer_ratio: round(firstAnswerMs / emptyFirstAnswerMs),
    background_check: background.state === 'ok' ? { state: 'ok', ms: background.ms } : { state: background.state },
    quick_check_ms: round(quickCheckMs),
    submit_p50_ms: round(percentile(submitMs, 50)),
    submit_p99_ms: round(percentile(submitMs, 99)),
    search_p99_ms: Math.max(...Object.values(searchP99)),
    search_p99_by_kind_ms: searchP99,
    search_p50_by_kind_ms: searchP50,
    receipt_cold_ms: round(coldMs),
    receipt_warm_ms: round(percentile(warm, 50)),
    receipt_warm_p99_ms: round(percentile(warm, 99)),
    list_page_p50_ms: round(percentile(listMs, 50)),
    stats_overview_ms: round(statsMs),
  };
  station.close();
  rmSync(dataDir, { recursive: true, force: true });
  console.log(JSON.stringify(result, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
