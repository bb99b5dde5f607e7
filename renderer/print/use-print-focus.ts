import { useEffect, useRef, useState } from 'react';

/** How long after the button took the focus a preview that grabs it is made to give it back. */
const GUARD_MS = 5_000;

/**
 * The print button is where the cadre's Enter goes: focused once, when the screen can print (`ready`: printers
 * known, document loaded) and the preview has loaded or failed. Chromium's PDF viewer may take the focus while
 * it starts, and the key with it; so the button waits for the preview's `load`, and for a few seconds after
 * gives the focus back, once, if the viewer still takes it (it draws later than `load` on a busy PC) before
 * the cadre has pressed a key or clicked outside it.
 */
export function usePrintButtonFocus(ready: boolean, previewFailed: boolean): { button: React.RefObject<HTMLButtonElement | null>; onPreviewLoad(): void } {
  const button = useRef<HTMLButtonElement>(null);
  const [previewShown, setPreviewShown] = useState(false);
  const focusedOnce = useRef(false);
  const stopGuard = useRef<(() => void) | null>(null);
  useEffect(() => {
    if (!ready || !(previewShown || previewFailed) || focusedOnce.current) return;
    focusedOnce.current = true;
    button.current?.focus();
    let touched = false;
    const touch = () => {
      touched = true;
    };
    // Once: the viewer takes the focus as it starts; a second time it is someone clicking into it.
    const taken = () =>
      setTimeout(() => {
        if (touched || document.activeElement?.tagName !== 'IFRAME') return;
        button.current?.focus();
        stopGuard.current?.();
      }, 0);
    window.addEventListener('keydown', touch, true);
    window.addEventListener('pointerdown', touch, true);
    window.addEventListener('blur', taken);
    const timer = setTimeout(() => stopGuard.current?.(), GUARD_MS);
    stopGuard.current = () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', touch, true);
      window.removeEventListener('pointerdown', touch, true);
      window.removeEventListener('blur', taken);
      stopGuard.current = null;
    };
  }, [ready, previewShown, previewFailed]);
  useEffect(() => () => stopGuard.current?.(), []);
  return { button, onPreviewLoad: () => setPreviewShown(true) };
}
