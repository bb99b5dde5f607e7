import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { StationEvent } from '../core/api/events';
import type { Station } from '../station/station';
import { PAD_METHODS } from '../core/api/rating-methods';
import { isAppUrl, isPadUrl } from './app-origin';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallResult } from './bridge-protocol';
import { handleCall } from './call-handler';

/**
 * The IPC side of StationApi (DESIGN.md §3): only the main frame of our own app:// page may call, every
 * argument is validated with the method's zod schema before the station sees it (which validates again).
 * Not verifiable on the build machine (no Electron binary): covered by type-checking only.
 */

export interface StationIpc {
  /** Sends a push event to every window showing our page. */
  publish(event: StationEvent): void;
  dispose(): void;
}

/** Only the top-level frame of the app:// page: not a subframe (the PDF preview), not any other origin. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && isAppUrl(frame.url);
}

export function registerStationIpc(station: Station): StationIpc {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<CallResult> => {
    if (!trustedSender(event)) {
      station.ctx.log.warn({ url: event.senderFrame?.url }, 'ipc: call from an untrusted frame refused');
      return { ok: false, error: { code: 'FORBIDDEN', message: '不允许的调用来源。' } };
    }
    // The resident's screen runs in the cadre's session: it may only show the request and submit the rating.
    if (isPadUrl(event.senderFrame!.url) && !(typeof method === 'string' && PAD_METHODS.has(method))) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '评价屏只能用于群众评价。' } };
    }
    return handleCall(station, method, input);
  });
  return {
    publish(event) {
      for (const win of BrowserWindow.getAllWindows()) {
        const contents = win.webContents;
        if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(EVENT_CHANNEL, event);
      }
    },
    dispose() {
      ipcMain.removeHandler(CALL_CHANNEL);
    },
  };
}
