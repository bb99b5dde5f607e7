import { useEffect, useRef, useState } from 'react';

/**
 * The print button is where the cadre's Enter goes: focused once, when the screen can print (`ready`: printers
 * known, document loaded) and the preview has loaded or failed. Chromium's PDF viewer may take the focus while
 * it starts, and the key with it; so the button waits for the preview's `load`.
 */
export function usePrintButtonFocus(ready: boolean, previewFailed: boolean): { button: React.RefObject<HTMLButtonElement | null>; onPreviewLoad(): void } {
  const button = useRef<HTMLButtonElement>(null);
  const [previewShown, setPreviewShown] = useState(false);
  const focusedOnce = useRef(false);
  useEffect(() => {
    if (!ready || !(previewShown || previewFailed) || focusedOnce.current) return;
    focusedOnce.current = true;
    button.current?.focus();
  }, [ready, previewShown, previewFailed]);
  return { button, onPreviewLoad: () => setPreviewShown(true) };
}
