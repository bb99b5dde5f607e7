import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { requireTools, runTool } from './system-tools';

/**
 * A real CUPS queue that "prints" into PDF files, for the printing tests.
 *
 * How it is set up (found out on Debian 12 with printer-driver-cups-pdf 3.0.1):
 * - No systemd on CI: when `lpstat -r` says the scheduler is not running, `/usr/sbin/cupsd` is started
 *   (it daemonizes itself) and polled until it answers.
 * - The queue uses device URI `cups-pdf:/daibantest`. cups-pdf then reads its own config file
 *   /etc/cups/cups-pdf-daibantest.conf instead of the global /etc/cups/cups-pdf.conf, so the machine's
 *   default cups-pdf setup is left alone.
 * - The global default is `Out ${HOME}/PDF`: a job submitted as root would land in /root/PDF, another
 *   user's in their home, an unknown user's in AnonDirName. Our config sets `Out` and `AnonDirName` to the
 *   same fixed folder, OUTPUT_DIR, so output lands there whoever submits.
 * - `Label 2` names every file `<title>-job_<id>.pdf`, so a test finds its file by the job id lp printed.
 *   cups-pdf keeps only ASCII letters, digits and a few signs of the title.
 * - The "no options" cups-pdf PPD is used so the config file, not PPD defaults, decides Label/TitlePref.
 * - cups-pdf needs PostScript: CUPS converts our PDF to PS first. With the default renderer (Ghostscript)
 *   the CID TrueType fonts come back as Type 3 fonts without a usable text layer, and pdftotext reads
 *   garbage. `pdftops-renderer-default=pdftocairo` on the queue keeps the text extractable.
 */

export const CUPS_PDF_PRINTER = 'DaibanTestPDF';
const CUPS_PDF_INSTANCE = 'daibantest';
export const CUPS_PDF_OUTPUT_DIR = '/var/spool/cups-pdf/daiban-test';
const CUPS_PDF_CONF = `/etc/cups/cups-pdf-${CUPS_PDF_INSTANCE}.conf`;
const CUPSD = '/usr/sbin/cupsd';
const CUPS_PDF_BACKEND = '/usr/lib/cups/backend/cups-pdf';

const CONF = `# Written by Daiban's test/helpers/cups.ts for the ${CUPS_PDF_PRINTER} queue (cups-pdf:/${CUPS_PDF_INSTANCE}).
Out ${CUPS_PDF_OUTPUT_DIR}
AnonDirName ${CUPS_PDF_OUTPUT_DIR}
Label 2
TitlePref 1
UserUMask 0000
AnonUMask 0000
Grp lpadmin
`;

export async function ensureCupsPdfPrinter(): Promise<{ printerName: string; outputDir: string }> {
  requireTools('lp', 'lpstat', 'lpadmin', 'lpinfo', 'cupsenable', 'cupsaccept', CUPSD, CUPS_PDF_BACKEND, 'pdftocairo');
  const sudo = rootPrefix();

  await ensureSchedulerRunning(sudo);

  if (!existsSync(CUPS_PDF_CONF) || readFileSync(CUPS_PDF_CONF, 'utf8') !== CONF) {
    await asRoot(sudo, 'tee', [CUPS_PDF_CONF], CONF);
  }
  // Sticky and world-writable like cups-pdf's own ANONYMOUS folder: cups-pdf writes as the job's user.
  await asRoot(sudo, 'mkdir', ['-p', CUPS_PDF_OUTPUT_DIR]);
  await asRoot(sudo, 'chmod', ['1777', CUPS_PDF_OUTPUT_DIR]);

  const ppd = await cupsPdfPpd();
  const args = ['-p', CUPS_PDF_PRINTER, '-E', '-v', `cups-pdf:/${CUPS_PDF_INSTANCE}`, '-m', ppd];
  args.push('-D', 'Daiban 测试 PDF 打印机', '-o', 'pdftops-renderer-default=pdftocairo', '-o', 'printer-error-policy=abort-job');
  if (!ppd.includes('noopt')) args.push('-o', 'Label=2', '-o', 'TitlePref=1');
  await asRoot(sudo, 'lpadmin', args);
  await asRoot(sudo, 'cupsenable', [CUPS_PDF_PRINTER]);
  await asRoot(sudo, 'cupsaccept', [CUPS_PDF_PRINTER]);

  await waitFor('the cups-pdf queue to accept jobs', 10_000, async () => {
    const accepting = await runTool('lpstat', ['-a', CUPS_PDF_PRINTER]).catch(() => ({ stdout: '' }));
    const state = await runTool('lpstat', ['-p', CUPS_PDF_PRINTER]).catch(() => ({ stdout: '' }));
    return /accepting requests/.test(accepting.stdout) && !/disabled/.test(state.stdout);
  });
  return { printerName: CUPS_PDF_PRINTER, outputDir: CUPS_PDF_OUTPUT_DIR };
}

/**
 * Waits (bounded) for the PDF cups-pdf writes for job `jobRef` ('DaibanTestPDF-12'), complete on disk.
 * On timeout the error carries the tail of the cups-pdf and CUPS logs.
 */
export async function waitForCupsPdfOutput(outputDir: string, jobRef: string, timeoutMs = 20_000): Promise<string> {
  const jobId = /-(\d+)$/.exec(jobRef)?.[1];
  if (!jobId) throw new Error(`not a CUPS job id: ${jobRef}`);
  const suffix = `-job_${jobId}.pdf`;
  let found: string | undefined;
  let lastSize = -1;
  try {
    await waitFor(`cups-pdf output for ${jobRef}`, timeoutMs, async () => {
      const names = await readdir(outputDir).catch(() => [] as string[]);
      const name = names.find((n) => n.endsWith(suffix) || n.startsWith(`job_${jobId}-`));
      if (!name) return false;
      const path = join(outputDir, name);
      const size = (await stat(path)).size;
      const complete = size > 0 && size === lastSize && (await readFile(path)).subarray(-32).toString('latin1').includes('%%EOF');
      lastSize = size;
      if (complete) found = path;
      return complete;
    });
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${logTail()}`);
  }
  return found as string;
}

function logTail(): string {
  const tails = [`/var/log/cups/cups-pdf-${CUPS_PDF_PRINTER}_log`, '/var/log/cups/error_log'].map((path) => {
    try {
      return `--- ${path}\n${readFileSync(path, 'utf8').split('\n').slice(-15).join('\n')}`;
    } catch {
      return `--- ${path}: not readable`;
    }
  });
  return tails.join('\n');
}

async function ensureSchedulerRunning(sudo: string[]): Promise<void> {
  const running = async (): Promise<boolean> => {
    const r = await runTool('lpstat', ['-r']).catch(() => ({ stdout: '' }));
    return /scheduler is running/.test(r.stdout);
  };
  if (await running()) return;
  // Without -f, cupsd forks the daemon into the background and the process we start exits at once;
  // the daemon gets its own session and no pipes of ours, so the test process can end independently.
  const [cmd, ...args] = [...sudo, CUPSD];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(cmd as string, args, { stdio: 'ignore', detached: true });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${CUPSD} exited with ${code}`))));
  });
  await waitFor('the CUPS scheduler to start', 10_000, running);
}

/** The cups-pdf PPD as lpinfo names it, preferring the one without options. */
async function cupsPdfPpd(): Promise<string> {
  const { stdout } = await runTool('lpinfo', ['-m']);
  const names = stdout.split('\n').map((line) => line.split(' ')[0] ?? '');
  const ppd = names.find((n) => /CUPS-PDF_noopt\.ppd$/i.test(n)) ?? names.find((n) => /CUPS-PDF.*\.ppd$/i.test(n));
  if (!ppd) throw new Error('lpinfo -m lists no cups-pdf PPD: run scripts/install-system-deps.sh (printer-driver-cups-pdf)');
  return ppd;
}

function rootPrefix(): string[] {
  if (process.getuid?.() === 0) return [];
  requireTools('sudo');
  return ['sudo', '-n'];
}

async function asRoot(sudo: string[], tool: string, args: string[], input?: string): Promise<void> {
  const [cmd, ...rest] = [...sudo, tool, ...args];
  await runTool(cmd as string, rest, input === undefined ? {} : { input });
}

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(200);
  }
}
