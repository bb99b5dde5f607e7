import pino, { type Logger } from 'pino';

/** The platform's logger: `false` silences it (tests), absent makes a plain pino on stdout. Bodies are never logged. */
export function platformLogger(log: Logger | false | undefined): Logger {
  if (log === false) return pino({ level: 'silent' });
  return log ?? pino({ name: 'daiban-platform', level: process.env.LOG_LEVEL ?? 'info' });
}
