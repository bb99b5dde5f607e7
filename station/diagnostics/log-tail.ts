import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { DIAGNOSTICS_LIMITS, type DiagnosticsBundle } from '../../core/diagnostics/bundle';
import { logFiles } from '../runtime/log-file';
import type { Scrubber } from './scrub';

type Logs = DiagnosticsBundle['logs'];

/** Read from the end of each file at most this much: 2,000 lines of a few hundred bytes fit well within it. */
const TAIL_BYTES = 2 * 1024 * 1024;

function readTail(path: string, size: number): { text: string; fromStart: boolean } {
  const length = Math.min(size, TAIL_BYTES);
  const buf = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buf, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  return { text: buf.toString('utf8'), fromStart: length === size };
}

/**
 * The newest log lines across the current and rotated files (oldest first), each cut to a bounded length
 * and scrubbed of names, ID numbers and phone numbers.
 */
export function readLogTail(dataDir: string, scrubber: Scrubber, maxLines: number = DIAGNOSTICS_LIMITS.logLines): Logs {
  const files: Logs['files'] = [];
  let lines: string[] = [];
  let truncated = false;
  for (const path of logFiles(dataDir)) {
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      continue;
    }
    files.push({ name: basename(path), bytes: size });
    if (lines.length >= maxLines) {
      truncated = true;
      continue;
    }
    const { text, fromStart } = readTail(path, size);
    const fileLines = text.split('\n');
    if (!fromStart) {
      fileLines.shift(); // the first line was cut by where reading began
      truncated = true;
    }
    lines = [...fileLines.filter((l) => l.trim() !== ''), ...lines];
  }
  if (lines.length > maxLines) {
    lines = lines.slice(lines.length - maxLines);
    truncated = true;
  }
  const max = DIAGNOSTICS_LIMITS.logLineChars;
  return {
    files,
    lines: lines.map((l) => {
      // Scrub before cutting, so a name or an ID number is never split by the cut and half left behind.
      const clean = scrubber.scrub(l);
      if (clean.length <= max) return clean;
      truncated = true;
      return `${clean.slice(0, max)}…（已截断）`;
    }),
    truncated,
    redactions: scrubber.redactions,
  };
}
