import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

/** `<dataDir>/logs/daiban.log`, and daiban.log.1 … .N for earlier runs (the newest first). */
export const LOG_DIR_NAME = 'logs';
export const LOG_FILE_NAME = 'daiban.log';
/** At start, a log bigger than this is moved to daiban.log.1 (and the older ones shift up). */
export const LOG_ROTATE_BYTES = 5 * 1024 * 1024;
export const LOG_KEEP_FILES = 3;

export const logDir = (dataDir: string) => join(dataDir, LOG_DIR_NAME);

/** The current file and the kept ones, newest first (only those that exist). */
export function logFiles(dataDir: string): string[] {
  const dir = logDir(dataDir);
  const names = [LOG_FILE_NAME, ...Array.from({ length: LOG_KEEP_FILES }, (_, i) => `${LOG_FILE_NAME}.${i + 1}`)];
  return names.map((n) => join(dir, n)).filter((p) => existsSync(p));
}

/** Size rotation, once per start: a desktop app runs for a working day, a file a run keeps it simple. */
export function rotateLogs(dataDir: string, o: { maxBytes?: number; keep?: number } = {}): void {
  const dir = logDir(dataDir);
  const current = join(dir, LOG_FILE_NAME);
  const keep = o.keep ?? LOG_KEEP_FILES;
  try {
    if (!existsSync(current) || statSync(current).size < (o.maxBytes ?? LOG_ROTATE_BYTES)) return;
    rmSync(join(dir, `${LOG_FILE_NAME}.${keep}`), { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      const from = join(dir, `${LOG_FILE_NAME}.${i}`);
      if (existsSync(from)) renameSync(from, join(dir, `${LOG_FILE_NAME}.${i + 1}`));
    }
    renameSync(current, join(dir, `${LOG_FILE_NAME}.1`));
  } catch {
    // A file held open elsewhere (Windows) is rotated next start; logging must not stop the app.
  }
}

export interface StationLogOptions {
  dataDir: string;
  level?: string;
  /**
   * Also write to stdout. Default: outside Electron (the browser host, the command line, development);
   * DAIBAN_LOG_STDOUT=1 turns it on in Electron too, DAIBAN_LOG_STDOUT=0 off everywhere.
   */
  stdout?: boolean;
}

/**
 * The terminal's log: pino JSON lines in `<dataDir>/logs/daiban.log`, written synchronously so the last
 * lines before a crash are on disk. Nothing personal is logged on purpose; the diagnostics bundle still
 * scrubs what it copies (station/diagnostics/scrub.ts).
 */
export function createStationLog(o: StationLogOptions): Logger {
  const dir = logDir(o.dataDir);
  mkdirSync(dir, { recursive: true });
  rotateLogs(o.dataDir);
  const level = o.level ?? process.env.DAIBAN_LOG_LEVEL ?? 'info';
  const file = pino.destination({ dest: join(dir, LOG_FILE_NAME), sync: true, mkdir: true });
  const env = process.env.DAIBAN_LOG_STDOUT;
  const toStdout = o.stdout ?? (env === '1' ? true : env === '0' ? false : !process.versions.electron);
  const streams: pino.StreamEntry[] = [{ level: level as pino.Level, stream: file }];
  if (toStdout) streams.push({ level: level as pino.Level, stream: pino.destination(1) });
  return pino({ level }, pino.multistream(streams));
}
