import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { keyPragmas } from '../../db';

/**
 * The store's quick_check, off the main thread (issue #18): on a store of a million applications it takes
 * about 4 s, which used to stand between the cadre and the first screen at every start. The store opens at
 * once (a wrong key is still refused there); a worker thread reads the same file through its own read-only
 * connection and reports. Until it has, writes go on as before; once it reports a problem, every state change
 * is refused (recordChange asks `assertWritable`) while reading, backups and the diagnostics bundle still work,
 * so the county can save what is there before the PC is looked at (docs/station.md).
 */

export type IntegrityVerdict = { state: 'ok'; checkedAt: string; ms: number } | { state: 'failed'; checkedAt: string; problems: string[] };
export type StoreIntegrity = { state: 'checking'; since: string } | IntegrityVerdict;

/** The worker's whole code: CommonJS by eval, so it needs no file of its own in the desktop app's bundle. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  for (const p of workerData.pragmas) db.pragma(p);
  parentPort.postMessage({ messages: db.pragma('quick_check').map((r) => String(r.quick_check)) });
} catch (e) {
  parentPort.postMessage({ messages: [String((e && e.message) || e)] });
} finally {
  if (db) db.close();
}`;

export interface IntegrityCheckRun {
  /** Resolves with the verdict (never rejects). */
  readonly done: Promise<IntegrityVerdict>;
  /** Ends the worker (the station closes). */
  stop(): Promise<void>;
}

export function checkStoreInBackground(o: { file: string; key: Buffer; now: () => Date }): IntegrityCheckRun {
  const started = o.now();
  const module = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
  const worker = new Worker(WORKER, { eval: true, workerData: { module, file: o.file, pragmas: keyPragmas(o.key) } });
  const done = new Promise<IntegrityVerdict>((resolve) => {
    const finish = (messages: string[]) => {
      const checkedAt = o.now();
      resolve(
        messages.length === 1 && messages[0] === 'ok'
          ? { state: 'ok', checkedAt: checkedAt.toISOString(), ms: checkedAt.getTime() - started.getTime() }
          : { state: 'failed', checkedAt: checkedAt.toISOString(), problems: messages.slice(0, 10).map((m) => m.slice(0, 300)) },
      );
    };
    worker.once('message', (m: { messages: string[] }) => finish(m.messages));
    worker.once('error', (e) => finish([String(e.message)]));
    worker.once('exit', (code) => finish([`integrity check stopped (exit ${code})`]));
  });
  return {
    done,
    async stop() {
      await worker.terminate();
    },
  };
}
