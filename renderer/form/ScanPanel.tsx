import { useRef } from 'react';
import { Alert, Button, Space } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { AttachmentView } from '../../core/api/views';
import { call } from '../api/client';
import { useAction } from '../shared/use-action';
import { fileToBase64 } from '../shared/files';
import { CameraCapture, cameraAvailable } from './CameraCapture';
import { ScanThumb } from './ScanThumb';

interface Props {
  applicationId: string;
  attachments: AttachmentView[];
  onAdded(a: AttachmentView): void;
}

/** Scanned pages of the paper materials: pick image/PDF files (or take a photo); each is stored at once. */
export function ScanPanel({ applicationId, attachments, onAdded }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const add = useAction(async (files: { blob: Blob; name: string }[]) => {
    try {
      for (const f of files) {
        const a = await call('attachments.add', {
          applicationId,
          fileName: f.name,
          mimeType: f.blob.type || 'application/octet-stream',
          dataBase64: await fileToBase64(f.blob),
        });
        onAdded(a);
      }
    } finally {
      if (input.current) input.current.value = '';
    }
  });
  const { busy, error } = add;
  const upload = (files: { blob: Blob; name: string }[]) => void add.run(files);

  return (
    <div>
      <Space wrap>
        <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()}>
          选择扫描件
        </Button>
        {cameraAvailable() && <CameraCapture disabled={busy} onCapture={(b) => upload([{ blob: b, name: `拍照-${Date.now()}.jpg` }])} />}
        <span className="muted" style={{ fontSize: 14 }}>
          已添加 {attachments.length} 页
        </span>
      </Space>
      <input
        ref={input}
        type="file"
        accept="image/*,application/pdf"
        multiple
        hidden
        aria-label="选择扫描件文件"
        onChange={(e) => {
          const list = [...(e.target.files ?? [])];
          if (list.length) void upload(list.map((f) => ({ blob: f, name: f.name })));
        }}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      {attachments.length > 0 && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }} aria-label="已添加的扫描件">
          {attachments.map((a) => (
            <ScanThumb key={a.id} attachment={a} />
          ))}
        </div>
      )}
    </div>
  );
}
