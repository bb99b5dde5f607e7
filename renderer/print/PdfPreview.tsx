import { Card, Spin } from 'antd';
import type { Pdf } from './use-pdf';

/** The preview card of a rendered PDF: the document in a frame, a spinner while it renders, a note if it failed. */
export function PdfPreview({ title, pdf, failed = false }: { title: string; pdf: Pdf | null; failed?: boolean }) {
  return (
    <Card size="small" title={title} styles={{ body: { padding: 8 } }}>
      {pdf ? (
        <iframe className="receipt-frame" src={pdf.url} title={title} />
      ) : (
        <div className="receipt-frame" style={{ display: 'grid', placeItems: 'center' }}>
          {failed ? <span className="muted">无法生成预览</span> : <Spin />}
        </div>
      )}
    </Card>
  );
}
