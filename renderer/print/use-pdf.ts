import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { base64ToBlob } from '../shared/files';

export interface Pdf {
  url: string;
  fileName: string;
  blob: Blob;
}

/** Renders a PDF through the station and keeps an object URL for the preview frame (revoked on change). */
export function usePdf(render: () => Promise<{ fileName: string; pdfBase64: string }>, deps: unknown[]): { pdf: Pdf | null; error: string | null } {
  const [pdf, setPdf] = useState<Pdf | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    let url: string | null = null;
    setPdf(null);
    setError(null);
    render().then(
      (r) => {
        if (!alive) return;
        const blob = base64ToBlob(r.pdfBase64, 'application/pdf');
        url = URL.createObjectURL(blob);
        setPdf({ url, fileName: r.fileName, blob });
      },
      (e) => alive && setError(errorMessage(e)),
    );
    return () => {
      alive = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, deps);
  return { pdf, error };
}
