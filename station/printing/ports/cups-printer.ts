import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DaibanError } from '../../../core/errors';
import { pdfPageSizesMm } from '../pdf/pdf-page-size';
import { copiesOf, CUPS_ID_PREFIX, type PrintJob, type PrinterInfo, type PrinterPort } from './printer';

/**
 * Printing through CUPS (Linux: UOS, Kylin, Debian) with its command-line clients: `lpstat` to list
 * queues, `lp` to submit. Commands run through execFile (no shell) with LC_ALL=C so their English
 * messages can be recognised; the cadre gets a Chinese message instead.
 */

export interface CupsPrinterOptions {
  /** Paths of the clients; found on PATH by default. */
  lp?: string;
  lpstat?: string;
  /** Seconds before a client call is abandoned (default 30). */
  timeoutSeconds?: number;
  /** Extra environment for the clients, e.g. CUPS_SERVER to use another scheduler. */
  env?: NodeJS.ProcessEnv;
}

interface RunResult {
  stdout: string;
  stderr: string;
}

class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly stdout: string,
    readonly stderr: string,
    readonly errno: string | number | undefined,
  ) {
    super(`${command} failed: ${stderr.trim() || String(errno)}`);
  }
}

export class CupsPrinter implements PrinterPort {
  private readonly lp: string;
  private readonly lpstat: string;
  private readonly timeoutMs: number;
  private readonly env: NodeJS.ProcessEnv;

  constructor(options: CupsPrinterOptions = {}) {
    this.lp = options.lp ?? 'lp';
    this.lpstat = options.lpstat ?? 'lpstat';
    this.timeoutMs = (options.timeoutSeconds ?? 30) * 1000;
    this.env = { ...process.env, ...options.env, LC_ALL: 'C', LANG: 'C' };
  }

  async list(): Promise<PrinterInfo[]> {
    try {
      await this.ensureSchedulerRunning();
      const [names, defaults, details] = await Promise.all([
        this.run(this.lpstat, ['-e']),
        this.run(this.lpstat, ['-d']),
        this.run(this.lpstat, ['-l', '-p']).catch(() => ({ stdout: '', stderr: '' })),
      ]);
      const defaultName = /system default destination:\s*(\S+)/.exec(defaults.stdout)?.[1];
      const descriptions = parseDescriptions(details.stdout);
      return names.stdout
        .split('\n')
        .map((line) => line.trim())
        .filter((name) => name.length > 0)
        .map((name) => ({
          id: CUPS_ID_PREFIX + name,
          name: descriptions.get(name) || name,
          kind: 'cups' as const,
          isDefault: name === defaultName,
        }));
    } catch (e) {
      throw this.toDaibanError(e, undefined);
    }
  }

  async print(printerId: string, job: PrintJob): Promise<{ jobRef: string }> {
    const queue = printerId.startsWith(CUPS_ID_PREFIX) ? printerId.slice(CUPS_ID_PREFIX.length) : printerId;
    if (!/^[^\s/#]+$/.test(queue) || queue.startsWith('-')) {
      throw new DaibanError('PRINTER_FAILED', `打印机名称“${queue}”无效，请在打印设置中重新选择打印机。`, { printerId });
    }
    const copies = copiesOf(job);
    const dir = await mkdtemp(join(tmpdir(), 'daiban-print-'));
    const file = join(dir, 'document.pdf');
    try {
      await writeFile(file, job.pdf, { mode: 0o600 });
      const args = ['-d', queue, '-n', String(copies), '-t', queueTitle(job.title)];
      const media = mediaFor(job);
      if (media) args.push('-o', `media=${media}`);
      args.push('--', file);
      const { stdout } = await this.run(this.lp, args);
      // "request id is Office-42 (1 file(s))"
      const jobRef = /request id is (\S+)/.exec(stdout)?.[1];
      if (!jobRef) {
        throw new DaibanError('PRINTER_FAILED', '打印任务已提交，但系统没有返回任务编号，请查看打印机是否出纸。', {
          printer: queue,
          stdout,
        });
      }
      return { jobRef };
    } catch (e) {
      throw await this.explainPrintFailure(e, queue);
    } finally {
      // lp has copied the file into the CUPS spool by the time it returns.
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async ensureSchedulerRunning(): Promise<void> {
    const { stdout } = await this.run(this.lpstat, ['-r']);
    if (/not running/i.test(stdout)) throw new DaibanError('PRINTER_FAILED', CUPS_NOT_RUNNING, { stdout });
  }

  /** After a failed lp: was it the scheduler, the queue, or something else? */
  private async explainPrintFailure(e: unknown, queue: string): Promise<DaibanError> {
    if (e instanceof DaibanError) return e;
    if (e instanceof CommandError && e.errno !== 'ENOENT') {
      const running = await this.ensureSchedulerRunning().then(
        () => true,
        () => false,
      );
      if (!running) return new DaibanError('PRINTER_FAILED', CUPS_NOT_RUNNING, { printer: queue, stderr: e.stderr });
    }
    return this.toDaibanError(e, queue);
  }

  private toDaibanError(e: unknown, queue: string | undefined): DaibanError {
    if (e instanceof DaibanError) return e;
    if (!(e instanceof CommandError)) {
      return new DaibanError('PRINTER_FAILED', '打印时出现意外错误，请重试；如仍不行，请联系运维人员。', {
        printer: queue,
        cause: e instanceof Error ? e.message : String(e),
      });
    }
    const details = { printer: queue, command: e.command, stderr: e.stderr.trim(), errno: e.errno };
    const text = `${e.stderr}\n${e.stdout}`;
    if (e.errno === 'ENOENT') {
      return new DaibanError('PRINTER_FAILED', '本机没有安装打印服务（CUPS），无法打印。可以先“保存为PDF”，并请运维人员安装打印服务。', details);
    }
    if (e.errno === 'ETIMEDOUT' || /timed out/i.test(text)) {
      return new DaibanError('PRINTER_FAILED', '打印服务长时间没有响应，请检查打印机是否开机、连接是否正常，然后重试。', details);
    }
    if (/does not exist|not found|unknown destination/i.test(text)) {
      return new DaibanError('PRINTER_FAILED', `找不到打印机“${queue ?? ''}”，它可能已被删除或改名。请在打印设置中重新选择打印机。`, details);
    }
    if (/not accepting/i.test(text)) {
      return new DaibanError('PRINTER_FAILED', `打印机“${queue ?? ''}”已暂停接收打印任务，请在系统打印机设置中恢复后重试。`, details);
    }
    if (/not running|connect|refused|server-error/i.test(text)) {
      return new DaibanError('PRINTER_FAILED', CUPS_NOT_RUNNING, details);
    }
    return new DaibanError('PRINTER_FAILED', '打印失败，请检查打印机后重试；如仍不行，请联系运维人员。', details);
  }

  private run(command: string, args: string[]): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      execFile(command, args, { env: this.env, timeout: this.timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
        if (error) {
          const errno = error.killed ? 'ETIMEDOUT' : ((error as NodeJS.ErrnoException).code ?? undefined);
          reject(new CommandError(`${command} ${args[0] ?? ''}`.trim(), stdout, stderr, errno));
        } else {
          resolve({ stdout, stderr });
        }
      });
    });
  }
}

const CUPS_NOT_RUNNING = '系统打印服务（CUPS）没有运行，无法打印。请重启电脑后再试；如仍不行，请联系运维人员。可以先“保存为PDF”。';

/** `-o media=` for the paper the document was laid out for: A4, or an 80 mm roll as long as the page. */
export function mediaFor(job: PrintJob): string | undefined {
  if (job.paper === 'a4') return 'A4';
  if (job.paper === '80mm') {
    const heights = pdfPageSizesMm(job.pdf).map((s) => s.heightMm);
    const height = heights.length > 0 ? Math.ceil(Math.max(...heights)) : 297;
    return `Custom.80x${height}mm`;
  }
  return undefined;
}

/** The job title as the queue shows it: one line, no control characters, bounded length. */
function queueTitle(title: string): string {
  const clean = title.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return (clean || 'Daiban').slice(0, 120);
}

/** Queue descriptions from `lpstat -l -p` (C locale): "printer NAME is …" then "\tDescription: …". */
function parseDescriptions(out: string): Map<string, string> {
  const map = new Map<string, string>();
  let current: string | undefined;
  for (const line of out.split('\n')) {
    const head = /^printer (\S+) /.exec(line);
    if (head) {
      current = head[1];
      continue;
    }
    const desc = /^\s+Description:\s*(.*)$/.exec(line);
    if (current && desc?.[1]) map.set(current, desc[1].trim());
  }
  return map;
}
