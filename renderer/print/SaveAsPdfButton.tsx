import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadBlob } from '../shared/files';
import type { Pdf } from './use-pdf';

/** 另存为PDF: downloads the rendered PDF; disabled until it is ready. */
export function SaveAsPdfButton({ pdf }: { pdf: Pdf | null }) {
  return (
    <Button size="large" icon={<DownloadOutlined />} disabled={!pdf} onClick={() => pdf && downloadBlob(pdf.blob, pdf.fileName)}>
      另存为PDF
    </Button>
  );
}
