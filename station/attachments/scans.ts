import sharp, { type Metadata } from 'sharp';
import { DaibanError } from '../../core/errors';
import { BLOB_MAX_MB, LIMITS } from '../../core/sync/protocol';

/** The platform's own limit for one attachment: a scan it would refuse is refused here, at the counter. */
export const MAX_UPLOAD_BYTES = LIMITS.blobMaxBytes;
const DAMAGED = '文件已损坏或不完整（可能没有扫描或复制完），请重新扫描后再添加。';
/** A phone photo of an A4 page stays legible at 2000 px on the long side, at a tenth of the bytes. */
export const MAX_IMAGE_SIDE = 2000;
const JPEG_QUALITY = 80;

export interface NormalizedScan {
  data: Buffer;
  mimeType: 'image/jpeg' | 'image/png' | 'application/pdf';
  width: number | null;
  height: number | null;
}

const isPdf = (data: Buffer) => data.subarray(0, 5).toString('latin1') === '%PDF-';

/**
 * Checks what a file really is (by its bytes, not its name) and shrinks large photos before they are stored
 * and later sent over a slow village link. PDFs from a scanner are kept as they are.
 */
export async function normalizeScan(data: Buffer): Promise<NormalizedScan> {
  if (data.length > MAX_UPLOAD_BYTES) {
    throw new DaibanError(
      'ATTACHMENT_TOO_LARGE',
      `文件太大（${(data.length / 1048576).toFixed(1)} MB），单个文件不能超过${BLOB_MAX_MB} MB，请降低扫描分辨率或分页扫描。`,
    );
  }
  if (isPdf(data)) return { data, mimeType: 'application/pdf', width: null, height: null };

  let meta: Metadata;
  try {
    meta = await sharp(data).metadata();
  } catch {
    throw new DaibanError('ATTACHMENT_UNSUPPORTED', '无法识别该文件，请上传照片（JPG、PNG）或PDF扫描件。');
  }
  if (!meta.format || !['jpeg', 'png', 'webp', 'tiff', 'gif'].includes(meta.format)) {
    throw new DaibanError('ATTACHMENT_UNSUPPORTED', `不支持的图片格式（${meta.format ?? '未知'}），请上传JPG或PNG。`);
  }
  // EXIF orientation 5..8 swaps width and height.
  const rotated = (meta.orientation ?? 1) >= 5;
  const width = (rotated ? meta.height : meta.width) ?? 0;
  const height = (rotated ? meta.width : meta.height) ?? 0;
  const small = Math.max(width, height) <= MAX_IMAGE_SIDE && data.length <= 1024 * 1024;
  try {
    // A truncated file (a scan cut short) must be refused here, not found unreadable at the township.
    if (small && (meta.format === 'jpeg' || meta.format === 'png') && !rotated) {
      await sharp(data, { failOn: 'truncated' }).stats();
      return { data, mimeType: meta.format === 'jpeg' ? 'image/jpeg' : 'image/png', width, height };
    }
    const { data: out, info } = await sharp(data, { failOn: 'truncated' })
      .rotate()
      .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data: out, mimeType: 'image/jpeg', width: info.width, height: info.height };
  } catch {
    throw new DaibanError('ATTACHMENT_UNSUPPORTED', DAMAGED);
  }
}
