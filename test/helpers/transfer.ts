import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import sharp from 'sharp';
import type { TransferImportView } from '../../core/api/transfer-methods';
import type { Station } from '../../station/station';
import { transferDir } from '../../station/transfer/export';
import { submitApplication } from './sync';

/** A page scanned at the counter: a small noisy JPEG, different every time (so each has its own SHA-256). */
export function scanPage(width = 240, height = 180): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#d8d2c4', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 70 })
    .toBuffer();
}

/** Applications `from`…`to` (submitApplication's residents), each with one scanned page. */
export async function takeApplications(station: Station, from: number, to: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = from; n <= to; n++) ids.push((await submitApplication(station, n, [await scanPage()])).id);
  return ids;
}

/** A file a terminal holds (its export, or a return file a township keeps), read whole through `transfer.read` in parts. */
export async function readFromTerminal(station: Station, fileName: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let offset = 0; ;) {
    const part = await station.call('transfer.read', { fileName, offset });
    const data = Buffer.from(part.dataBase64, 'base64');
    parts.push(data);
    offset += data.length;
    if (part.done) return Buffer.concat(parts);
  }
}

/** The export as the cadre saves it: written by the station, read back whole through `transfer.read`. */
export async function exportToStick(station: Station): Promise<{ bytes: Buffer; fileName: string; messages: number; scans: number }> {
  const view = await station.call('transfer.export', {});
  const bytes = await readFromTerminal(station, view.fileName);
  if (!bytes.equals(readFileSync(join(transferDir(station.ctx), view.fileName)))) throw new Error('transfer.read did not give the file back');
  return { bytes, fileName: view.fileName, messages: view.messages, scans: view.scans };
}

/** A file from a stick into a terminal, in parts through `transfer.upload`, then `transfer.import`. */
export async function importFromStick(station: Station, bytes: Buffer, fileName = 'daiban-return.daiban'): Promise<TransferImportView> {
  const uploadId = uuidv7();
  const part = 4 * 1024 * 1024;
  for (let offset = 0; offset < bytes.length; offset += part) {
    await station.call('transfer.upload', { uploadId, offset, dataBase64: bytes.subarray(offset, offset + part).toString('base64') });
  }
  return station.call('transfer.import', { uploadId, fileName });
}
