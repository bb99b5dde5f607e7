import pg from 'pg';
import { LIMITS, type OutboxMessage } from '../../core/sync/protocol';
import type { ApplicationSubmitted } from '../../core/sync/messages';
import type { RunningPlatform } from '../../platform';
import { valuesRows } from '../../platform/database/values-rows';
import { enrollTerminal, outboxBatch, outboxMessage } from '../helpers/platform';

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const BATCH = LIMITS.outboxBatchMessages;

/** `workers` workers, each on its own connection, taking the next job: every job is built before the clock starts. */
async function timedWorkers<T>(jobs: T[], workers: number, run: (job: T, worker: number) => Promise<void>): Promise<number> {
  let next = 0;
  const worker = async (w: number) => {
    while (next < jobs.length) await run(jobs[next++]!, w);
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return (performance.now() - start) / 1000;
}

/** `count` messages in batches as a terminal sends them: at most 500, and under the batch's byte limit. */
function fillBatches(count: number, make: (i: number) => OutboxMessage): OutboxMessage[][] {
  const batches: OutboxMessage[][] = [[]];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const m = make(i);
    const size = Buffer.byteLength(JSON.stringify(m)) + 1;
    const last = batches[batches.length - 1]!;
    if (last.length === BATCH || bytes + size > LIMITS.outboxBatchBytes - 1024) {
      batches.push([m]);
      bytes = size;
    } else {
      last.push(m);
      bytes += size;
    }
  }
  return batches;
}

/**
 * Signed, gzipped outbox batches of `body` posted straight to the platform by two villages at once (each
 * terminal's batches are serial, as a terminal sends them), in `rounds` rounds of freshly enrolled villages.
 * Returns msgs/s per round and the bytes of one body, as JSON and gzipped in its batch.
 */
export async function measureIngest(
  platform: RunningPlatform,
  body: (divisionCode: string, i: number) => ApplicationSubmitted,
  o: { batches: number; rounds: number; villageSuffix: number; parallel?: number; cpu?: () => Record<string, number> },
) {
  const parallel = o.parallel ?? 2;
  const rates: number[] = [];
  const cores: Record<string, number>[] = [];
  let bodyBytes = 0;
  let wireBytes = 0;
  for (let round = 0; round < o.rounds; round++) {
    const queues = await Promise.all(
      Array.from({ length: parallel }, async (_, k) => {
        const terminal = await enrollTerminal(platform, { divisionCode: `36078110${String(o.villageSuffix + round * parallel + k).padStart(4, '0')}` });
        return fillBatches(Math.ceil((o.batches * BATCH) / parallel), (i) => outboxMessage('application.submitted', body(terminal.divisionCode, i))).map(
          (messages) => {
            bodyBytes += messages.reduce((n, m) => n + Buffer.byteLength(m.body), 0);
            const request = terminal.prepare('POST', '/v1/outbox', { json: outboxBatch(messages), gzip: true });
            wireBytes += request.body?.length ?? 0;
            return { terminal, request };
          },
        );
      }),
    );
    const cpu0 = o.cpu?.();
    const start = performance.now();
    await Promise.all(
      queues.map(async (queue) => {
        for (const { terminal, request } of queue) {
          const reply = await terminal.send(request);
          if (reply.status !== 200) throw new Error(`outbox answered ${reply.status}: ${reply.bytes.toString()}`);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    rates.push((o.batches * BATCH) / seconds);
    if (cpu0) cores.push(Object.fromEntries(Object.entries(o.cpu!()).map(([k, v]) => [k, Number(((v - cpu0[k]!) / seconds).toFixed(2))])));
  }
  const messages = o.batches * BATCH * o.rounds;
  return { rates, cores, bodyBytes: Math.round(bodyBytes / messages), gzipBytes: Math.round(wireBytes / messages) };
}

/** A multi-row INSERT of `rows` (each an array of values) into `table`'s `columns`, with `casts` per column. */
function multiRow(table: string, columns: string[], casts: string[], rows: unknown[][]): { text: string; values: unknown[] } {
  const { sql, values } = valuesRows(casts, rows);
  return { text: `INSERT INTO ${table} (${columns.join(', ')}) ${sql}`, values };
}

const TERMINAL = '00000000-0000-0000-0000-000000000000';

/**
 * The ceiling: the same rows as plain multi-row INSERTs (500 rows a statement, one transaction a batch, two
 * connections as the two villages of `measureIngest`, or `connections`), into copies of the tables with their indexes, from the database's own client. No
 * signature, no gunzip, no validation, no locks: what PostgreSQL alone takes for these rows on this machine.
 * - `applications`: the application rows alone;
 * - `ingest`: every row a submission leaves (its application, its message with NULL body, its change and the
 *   change's three audience rows: the village's other terminals, township and county).
 */
export async function insertCeiling(
  databaseUrl: string,
  body: (divisionCode: string, i: number) => ApplicationSubmitted,
  o: { batches: number; rounds: number; rows: 'applications' | 'ingest'; connections?: number; cpu?: () => Record<string, number> },
) {
  const clients = Array.from({ length: o.connections ?? 2 }, () => new pg.Client({ connectionString: databaseUrl }));
  await Promise.all(clients.map((c) => c.connect()));
  const rates: number[] = [];
  const cores: Record<string, number>[] = [];
  const tables = o.rows === 'ingest' ? ['applications', 'messages', 'changes', 'change_audience'] : ['applications'];
  try {
    for (let round = 0; round < o.rounds; round++) {
      for (const t of tables) await clients[0]!.query(`CREATE TABLE ceiling_${t} (LIKE ${t} INCLUDING ALL)`);
      const batches = Array.from({ length: o.batches }, (_, b) => {
        const subs = Array.from({ length: BATCH }, (_, m) => body('360781109999', b * BATCH + m));
        const at = new Date().toISOString();
        const statements = [
          multiRow(
            'ceiling_applications',
            [
              'id',
              'division_code',
              'terminal_id',
              'receipt_no',
              'item_code',
              'catalog_version',
              'status',
              'resident_name',
              'resident_id_number',
              'submitted_at',
              'due_date',
              'body',
              'received_at',
              'updated_at',
            ],
            ['', '', '', '', '', '', '', '', '', '', '', '::jsonb'],
            subs.map((s) => [
              s.applicationId,
              s.divisionCode,
              TERMINAL,
              s.receiptNo,
              s.itemCode,
              s.catalogVersion,
              'sent',
              s.resident.name,
              s.resident.idNumber,
              s.submittedAt,
              s.dueDate,
              JSON.stringify(s),
              at,
              at,
            ]),
          ),
        ];
        if (o.rows === 'ingest') {
          const seqs = subs.map((_, m) => (round * o.batches + b) * BATCH + m + 1);
          statements.push(
            multiRow(
              'ceiling_messages',
              ['id', 'sha256', 'kind', 'body', 'terminal_id', 'division_code', 'batch_id', 'received_at'],
              [],
              subs.map((s) => [s.applicationId, 'f'.repeat(64), 'application.submitted', null, TERMINAL, s.divisionCode, TERMINAL, at]),
            ),
            multiRow(
              'ceiling_changes',
              ['seq', 'kind', 'division_code', 'fan_up', 'body', 'submission_of', 'created_at', 'also_own', 'origin_terminal'],
              ['', '', '', '', '::jsonb'],
              subs.map((s, m) => [
                seqs[m],
                'application.received',
                s.divisionCode,
                true,
                JSON.stringify({ applicationId: s.applicationId, receiptNo: s.receiptNo, status: 'sent', receivedAt: at }),
                s.applicationId,
                at,
                true,
                TERMINAL,
              ]),
            ),
            multiRow(
              'ceiling_change_audience',
              ['audience', 'seq', 'inherit', 'skip_terminal'],
              [],
              seqs.flatMap((seq, m) => [
                [subs[m]!.divisionCode, seq, false, TERMINAL],
                ['360781100000', seq, false, null],
                ['360781000000', seq, false, null],
              ]),
            ),
          );
        }
        return statements;
      });
      const cpu0 = o.cpu?.();
      const seconds = await timedWorkers(batches, clients.length, async (statements, w) => {
        const c = clients[w]!;
        await c.query('BEGIN');
        for (const st of statements) await c.query(st.text, st.values);
        await c.query('COMMIT');
      });
      rates.push((o.batches * BATCH) / seconds);
      if (cpu0) cores.push(Object.fromEntries(Object.entries(o.cpu!()).map(([k, v]) => [k, Number(((v - cpu0[k]!) / seconds).toFixed(2))])));
      for (const t of tables) await clients[0]!.query(`DROP TABLE ceiling_${t}`);
    }
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  return { rates, cores };
}
