import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { DaibanError } from '../../../core/errors';
import { shanghaiFileStamp } from '../pdf/cn-format';
import { PDF_PRINTER_ID, type PrintJob, type PrinterInfo, type PrinterPort } from './printer';

/**
 * "Save as PDF": writes the document into one folder under a safe, unique name built from the title
 * (e.g. `受理回执-110105001001-20250304-0007-20250304-103512-3f9a1c.pdf`) and returns the file's path as
 * jobRef. The title can never steer the file out of the folder: separators, '..', control and
 * Windows-reserved characters are removed, and the final path is checked to be inside the folder.
 */
export class PdfFilePrinter implements PrinterPort {
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  async list(): Promise<PrinterInfo[]> {
    return [{ id: PDF_PRINTER_ID, name: '保存为PDF文件', kind: 'pdf', isDefault: false }];
  }

  async print(printerId: string, job: PrintJob): Promise<{ jobRef: string }> {
    if (printerId !== PDF_PRINTER_ID) {
      throw new DaibanError('PRINTER_FAILED', '找不到所选的打印机，请重新选择。', { printerId });
    }
    try {
      await mkdir(this.dir, { recursive: true });
    } catch (e) {
      throw saveFailed(this.dir, e);
    }
    const stamp = shanghaiFileStamp(new Date());
    for (let attempt = 0; attempt < 5; attempt++) {
      const name = `${safeFileStem(job.title)}-${stamp}-${randomBytes(3).toString('hex')}.pdf`;
      const path = join(this.dir, name);
      const rel = relative(this.dir, path);
      if (rel.startsWith('..') || isAbsolute(rel) || rel.includes('/') || rel.includes('\\')) {
        throw new DaibanError('PRINTER_FAILED', '文件名无效，无法保存PDF文件。', { title: job.title });
      }
      try {
        // 'wx': never overwrite an earlier file.
        await writeFile(path, job.pdf, { flag: 'wx' });
        return { jobRef: path };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw saveFailed(this.dir, e);
      }
    }
    throw saveFailed(this.dir, new Error('could not find a free file name'));
  }
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A file name stem from a document title: no path, no control or reserved characters, ≤ 60 chars. */
export function safeFileStem(title: string): string {
  const cleaned = title
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
    .replace(/\s+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-. ]+$/g, '');
  const stem = Array.from(cleaned)
    .slice(0, 60)
    .join('')
    .replace(/[-. ]+$/g, '');
  if (!stem || WINDOWS_RESERVED.test(stem)) return '文档';
  return stem;
}

function saveFailed(dir: string, e: unknown): DaibanError {
  const code = (e as NodeJS.ErrnoException).code;
  const message =
    code === 'ENOSPC'
      ? `磁盘空间不足，无法把PDF文件保存到“${dir}”。请清理磁盘后重试。`
      : code === 'EACCES' || code === 'EPERM'
        ? `没有权限把PDF文件保存到“${dir}”，请联系运维人员。`
        : `无法把PDF文件保存到“${dir}”，请检查该文件夹后重试。`;
  return new DaibanError('PRINTER_FAILED', message, { dir, code, cause: e instanceof Error ? e.message : String(e) });
}
