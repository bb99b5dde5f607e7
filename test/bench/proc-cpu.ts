import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used, from /proc (Linux); with `reaped`, its waited-for children's too. */
export function processCpuSeconds(pid: number, o: { reaped?: boolean } = {}): number {
  try {
    // Fields after the command's closing parenthesis: utime, stime, cutime, cstime are the 12th to 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return (f[11]! + f[12]! + (o.reaped ? f[13]! + f[14]! : 0)) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds of PostgreSQL: every live `postgres` process (a backend per connection) plus what the ones
 * that ended used (the postmaster reaps them: its cutime and cstime), so a closed connection is not lost.
 */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      const ppidComm = readFileSync(`/proc/${readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]}/comm`, 'utf8').trim();
      total += processCpuSeconds(Number(entry), { reaped: ppidComm !== 'postgres' });
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
