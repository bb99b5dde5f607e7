import { Card, Spin } from 'antd';
import type { Pdf } from './use-pdf';

/** The preview card of a rendered PDF: the document in a frame, a spinner while it renders, a note if it failed. */
export function PdfPreview({ title, pdf, failed = false, onLoad }: { title: string; pdf: Pdf | null; failed?: boolean; onLoad?(): void }) {
  return (
    <Card size="small" title={title} styles={{ body: { padding: 8 } }}>
      {pdf ? (
        // Out of the Tab order: the keys stay with the screen's buttons (the viewer has its own toolbar for the mouse).
        <iframe className="receipt-frame" src={pdf.url} title={title} tabIndex={-1} onLoad={onLoad} />
      ) : (
        <div className="receipt-frame" style={{ display: 'grid', placeItems: 'center' }}>
          {failed ? <span className="muted">无法生成预览</span> : <Spin />}
        </div>
      )}
    </Card>
  );
}
