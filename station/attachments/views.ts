import type { AttachmentView } from '../../core/api/views';
import type { AttachmentRow } from '../../db';

export const toAttachmentView = (a: AttachmentRow): AttachmentView => ({
  id: a.id,
  sha256: a.sha256,
  fileName: a.fileName,
  mimeType: a.mimeType,
  size: a.size,
  width: a.width,
  height: a.height,
  createdAt: a.createdAt,
});
