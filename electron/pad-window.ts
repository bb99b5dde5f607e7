import { BrowserWindow, screen, type Display, type WebPreferences } from 'electron';
import { PAD_ENTRY } from './app-origin';

/** A display other than the cadre's (the primary one): where the counter's second screen faces the resident. */
function residentDisplay(): Display | null {
  const primary = screen.getPrimaryDisplay();
  return screen.getAllDisplays().find((d) => d.id !== primary.id) ?? null;
}

/**
 * 评价屏 (好差评 at the counter, docs/ratings.md): where a second display is attached, the resident's screen fills
 * it, with the same hardened preferences as the main window; attached later, it opens then; detached, it closes.
 * Without one the cadre's dialog takes the rating. Like main.ts, only type-checked and run against a fake here.
 */
export function keepPadWindow(webPreferences: WebPreferences): void {
  let pad: BrowserWindow | null = null;
  const open = () => {
    const display = residentDisplay();
    if (!display || pad) return;
    const { x, y, width, height } = display.bounds;
    pad = new BrowserWindow({ x, y, width, height, fullscreen: true, frame: false, title: '评价屏', backgroundColor: '#ffffff', webPreferences });
    pad.on('closed', () => (pad = null));
    void pad.loadURL(PAD_ENTRY);
  };
  open();
  screen.on('display-added', open);
  screen.on('display-removed', () => {
    if (pad && !residentDisplay()) pad.close();
  });
}
