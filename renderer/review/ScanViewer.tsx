import { useEffect, useState } from 'react';
import { Alert, Button, Image, Spin, Tag } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import type { ReviewDetailView } from '../../core/api/views';
import { call, errorMessage } from '../api/client';
import { base64ToBlob } from '../shared/files';

type Attachment = ReviewDetailView['attachments'][number];
type Page = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; url: string; mimeType: string };

/**
 * Scanned pages of an application on the township terminal: a list of pages, and the chosen one large.
 * A page is read on demand (review.attachment): from the local cache, else from the platform — which fails
 * with the station's Chinese message while offline.
 */
export function ScanViewer({ applicationId, attachments }: { applicationId: string; attachments: Attachment[] }) {
  const [index, setIndex] = useState(0);
  const [page, setPage] = useState<Page>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  /** Pages read once are in this PC's cache from then on. */
  const [fetched, setFetched] = useState<ReadonlySet<string>>(() => new Set());
  const chosen = attachments[index];
  const sha256 = chosen?.sha256;

  useEffect(() => {
    if (!sha256) return;
    let alive = true;
    let made: string | null = null;
    setPage({ state: 'loading' });
    call('review.attachment', { applicationId, sha256 }).then(
      (r) => {
        if (!alive) return;
        made = URL.createObjectURL(base64ToBlob(r.dataBase64, r.mimeType));
        setPage({ state: 'ready', url: made, mimeType: r.mimeType });
        setFetched((f) => new Set(f).add(sha256));
      },
      (e) => alive && setPage({ state: 'failed', message: errorMessage(e) }),
    );
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [applicationId, sha256, tick]);

  if (attachments.length === 0) return <span className="muted">没有扫描件</span>;
  return (
    <div style={{ display: 'flex', gap: 8 }}>
      <ol aria-label="扫描件列表" style={{ listStyle: 'none', margin: 0, padding: 0, width: 118, flexShrink: 0, maxHeight: 300, overflowY: 'auto' }}>
        {attachments.map((a, i) => (
          <li key={a.sha256} style={{ marginBottom: 4 }}>
            <Button
              block
              size="small"
              type={i === index ? 'primary' : 'default'}
              onClick={() => setIndex(i)}
              title={a.fileName}
              style={{ height: 'auto', whiteSpace: 'normal', textAlign: 'left', padding: '2px 6px' }}
            >
              <span style={{ display: 'block', fontSize: 13, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', width: '100%' }}>
                第{i + 1}页 {a.fileName}
              </span>
            </Button>
            {!a.cached && !fetched.has(a.sha256) && <Tag style={{ fontSize: 12, marginTop: 2 }}>需联网读取</Tag>}
          </li>
        ))}
      </ol>
      <div style={{ flex: 1, minWidth: 0, minHeight: 240, display: 'grid', placeItems: 'center', background: '#fafafa', border: '1px solid #f0f0f0' }}>
        {page.state === 'loading' && <Spin />}
        {page.state === 'failed' && (
          <Alert
            type="warning"
            showIcon
            title="这一页暂时无法显示"
            description={page.message}
            action={
              <Button size="small" onClick={() => setTick((t) => t + 1)}>
                重试
              </Button>
            }
            style={{ margin: 8 }}
          />
        )}
        {page.state === 'ready' &&
          (page.mimeType === 'application/pdf' ? (
            <a href={page.url} target="_blank" rel="noreferrer" style={{ fontSize: 18 }}>
              <FilePdfOutlined /> 打开PDF：{chosen?.fileName}
            </a>
          ) : (
            <Image src={page.url} alt={`扫描件：${chosen?.fileName ?? ''}`} style={{ maxHeight: 300, maxWidth: '100%', objectFit: 'contain' }} />
          ))}
      </div>
    </div>
  );
}
