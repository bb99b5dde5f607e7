import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Modal } from 'antd';
import { CameraOutlined } from '@ant-design/icons';

/** Whether this machine can use a camera at all (a document camera or webcam). */
export const cameraAvailable = (): boolean => typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);

/** Takes a photo of a page with the PC's camera; hands back a JPEG. */
export function CameraCapture({ onCapture, disabled }: { onCapture(photo: Blob): void; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);

  useEffect(() => {
    if (!open) return;
    let alive = true;
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } } })
      .then((s) => {
        if (!alive) return s.getTracks().forEach((t) => t.stop());
        stream.current = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
        }
      })
      .catch(() => setError('无法打开摄像头，请检查摄像头是否已连接，或改用“选择文件”。'));
    return () => {
      alive = false;
      stream.current?.getTracks().forEach((t) => t.stop());
      stream.current = null;
    };
  }, [open]);

  const take = () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob(
      (b) => {
        if (b) onCapture(b);
        setOpen(false);
      },
      'image/jpeg',
      0.85,
    );
  };

  return (
    <>
      <Button
        icon={<CameraOutlined />}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
        disabled={disabled}
      >
        拍照
      </Button>
      <Modal open={open} title="拍摄材料" okText="拍照" cancelText="取消" onOk={take} onCancel={() => setOpen(false)} destroyOnHidden width={720}>
        {error ? <Alert type="error" showIcon title={error} /> : <video ref={video} style={{ width: '100%', background: '#000' }} muted playsInline />}
      </Modal>
    </>
  );
}
