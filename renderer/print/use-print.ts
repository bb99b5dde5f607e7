import { useState } from 'react';
import { App } from 'antd';
import type { PrinterView } from '../../core/api/views';
import { downloadBlob } from '../shared/files';
import { useAction, type Action } from '../shared/use-action';
import type { Pdf } from './use-pdf';

export interface PrintOutcome {
  printerId: string;
  /** A receipt printed before: said as 补打. */
  reprint?: boolean;
}

/**
 * 打印 on any document screen: the station prints (and records it, and remembers the printer for this kind of
 * document); "保存为PDF文件" then hands the same PDF to the cadre as a download (a save dialog in Electron),
 * never a path on the terminal's disk.
 */
export function usePrint(o: {
  title: string;
  printers: PrinterView[];
  pdf: Pdf | null;
  send(printerId: string): Promise<PrintOutcome>;
  /** After each print: a preview that depends on it (补打 on the receipt) renders again. */
  onPrinted?(): void;
}): {
  action: Action<[string]>;
  printed: string | null;
} {
  const { message } = App.useApp();
  const [printed, setPrinted] = useState<string | null>(null);
  const action = useAction(async (printerId: string) => {
    const r = await o.send(printerId);
    const where = o.printers.find((p) => p.id === r.printerId);
    const what = r.reprint ? `补打的${o.title}` : o.title;
    if (where?.kind === 'pdf') {
      if (o.pdf) downloadBlob(o.pdf.blob, o.pdf.fileName);
      setPrinted(`${what}已保存为PDF文件，请在弹出的保存窗口或浏览器的“下载”中查看。`);
    } else {
      setPrinted(`${what}已发送到打印机“${where?.name ?? r.printerId}”`);
    }
    o.onPrinted?.();
    void message.success(r.reprint ? `已补打${o.title}` : `已打印${o.title}`);
  });
  return { action, printed };
}
