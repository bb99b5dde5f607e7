import { v7 as uuidv7 } from 'uuid';
import type { StationParsedInput } from '../../core/api/schemas';
import type { AttachmentView } from '../../core/api/views';
import { DaibanError } from '../../core/errors';
import { findAttachment, insertAttachment, type AttachmentRow } from '../../db';
import { recordChange } from '../runtime/record-change';
import type { StationContext } from '../context';
import { normalizeScan } from './scans';
import { loadApplication } from '../intake/applications';
import { toAttachmentView } from './views';
import { INTAKE_ROLES, requireUser } from '../runtime/guard';
import type { Handler } from '../runtime/handler-type';
import { cachedScan, type DownloadScan } from './scan-cache';

/** Scans can be added while the application is still being taken (and, later, while it is being supplemented). */
const OPEN_FOR_SCANS = new Set(['draft', 'needs_supplement']);

export async function add(ctx: StationContext, input: StationParsedInput<'attachments.add'>): Promise<AttachmentView> {
  const user = requireUser(ctx, INTAKE_ROLES);
  const app = loadApplication(ctx, input.applicationId);
  if (!OPEN_FOR_SCANS.has(app.status)) {
    throw new DaibanError('ILLEGAL_TRANSITION', '该申请已提交，不能再添加扫描件。', { status: app.status });
  }
  const raw = Buffer.from(input.dataBase64, 'base64');
  if (raw.length === 0) throw new DaibanError('ATTACHMENT_UNSUPPORTED', '文件是空的，请重新扫描。');
  const scan = await normalizeScan(raw);
  const sha256 = ctx.blobs.put(scan.data);
  const at = ctx.clock.now().toISOString();
  const row: AttachmentRow = {
    id: uuidv7(),
    applicationId: app.id,
    sha256,
    fileName: scan.mimeType === 'image/jpeg' ? input.fileName.replace(/\.(png|webp|tiff?|gif|heic)$/i, '.jpg') : input.fileName,
    mimeType: scan.mimeType,
    size: scan.data.length,
    width: scan.width,
    height: scan.height,
    createdBy: user.id,
    createdAt: at,
  };
  ctx.db.transaction(() => {
    insertAttachment(ctx.db, row);
    recordChange(ctx, {
      at,
      actorId: user.id,
      event: { applicationId: app.id, type: 'attachment_added', fromStatus: null, toStatus: null, note: row.fileName },
      audit: { action: 'attachment_added', entityType: 'application', entityId: app.id, detail: { sha256 } },
    });
  })();
  return toAttachmentView(row);
}

/** A scan of an application: taken here, or on another terminal of the village and fetched once when first opened. */
export function read(download: DownloadScan): Handler<'attachments.read'> {
  return async (ctx, input) => {
    requireUser(ctx);
    const a = findAttachment(ctx.db, input.id);
    if (!a) throw new DaibanError('NOT_FOUND', '找不到该附件。', { id: input.id });
    return { mimeType: a.mimeType, dataBase64: (await cachedScan(ctx, a.sha256, download)).toString('base64') };
  };
}
