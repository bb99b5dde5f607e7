import { useEffect, useState } from 'react';
import { Image, Spin } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import type { AttachmentView } from '../../core/api/views';
import { call, StationCallError } from '../api/client';
import { base64ToBlob } from '../shared/files';

/** One scanned page: an image thumbnail (click to enlarge) or a PDF that opens in a new view. */
export function ScanThumb({ attachment }: { attachment: AttachmentView }) {
  const [url, setUrl] = useState<string | null>(null);
  /** Why it cannot be shown: a scan taken on another terminal of the village comes from the platform, online only. */
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    let made: string | null = null;
    call('attachments.read', { id: attachment.id })
      .then((r) => {
        if (!alive) return;
        made = URL.createObjectURL(base64ToBlob(r.dataBase64, r.mimeType));
        setUrl(made);
      })
      .catch((e: unknown) => alive && setFailed(StationCallError.from(e).code === 'PLATFORM_UNREACHABLE' ? '联网后可查看' : '无法显示'));
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [attachment.id]);

  const caption = (
    <div className="muted" style={{ fontSize: 12, width: 96, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={attachment.fileName}>
      {attachment.fileName}
    </div>
  );
  if (failed)
    return (
      <div className="thumb" style={{ display: 'grid', placeItems: 'center', textAlign: 'center' }} title={failed}>
        {failed}
      </div>
    );
  if (!url)
    return (
      <div className="thumb" style={{ display: 'grid', placeItems: 'center' }}>
        <Spin size="small" />
      </div>
    );
  if (attachment.mimeType === 'application/pdf') {
    return (
      <div>
        <a
          href={url}
          target="_blank"
          rel="noreferrer"
          className="thumb"
          style={{ display: 'grid', placeItems: 'center', fontSize: 36 }}
          aria-label={`查看${attachment.fileName}`}
        >
          <FilePdfOutlined />
        </a>
        {caption}
      </div>
    );
  }
  return (
    <div>
      <Image src={url} width={96} height={120} className="thumb" alt={`扫描件：${attachment.fileName}`} style={{ objectFit: 'cover' }} />
      {caption}
    </div>
  );
}
