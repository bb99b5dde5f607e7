import { TRANSFER_PART_BYTES, type TransferImportView } from '../../core/api/transfer-methods';
import { call } from '../api/client';
import { base64ToBlob, downloadBlob, fileToBase64 } from '../shared/files';

/** A file the station holds (an export, or a return file a township keeps), fetched in parts and saved by the browser. */
export async function saveFromStation(fileName: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  const parts: Blob[] = [];
  for (let offset = 0; ;) {
    const part = await call('transfer.read', { fileName, offset });
    const blob = base64ToBlob(part.dataBase64, 'application/octet-stream');
    parts.push(blob);
    offset += blob.size;
    onProgress?.(offset, part.size);
    if (part.done) break;
  }
  downloadBlob(new Blob(parts, { type: 'application/octet-stream' }), fileName);
}

/** A file the cadre picked (from the stick), sent to the station in parts, then imported. */
export async function importIntoStation(file: File, onProgress?: (done: number, total: number) => void): Promise<TransferImportView> {
  const uploadId = crypto.randomUUID();
  for (let offset = 0; offset < file.size; offset += TRANSFER_PART_BYTES) {
    const dataBase64 = await fileToBase64(file.slice(offset, offset + TRANSFER_PART_BYTES));
    await call('transfer.upload', { uploadId, offset, dataBase64 });
    onProgress?.(Math.min(offset + TRANSFER_PART_BYTES, file.size), file.size);
  }
  return call('transfer.import', { uploadId, fileName: file.name.slice(0, 200) || 'transfer.daiban' });
}
