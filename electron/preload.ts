/**
 * The sandboxed preload (bundled as CommonJS: sandboxed preloads cannot be ES modules). It exposes exactly
 * `window.daiban = { call, on }` and nothing of Node or Electron (DESIGN.md §3, §8).
 *
 * A refusal rejects with a plain object `{ name, code, message, details }` rather than an Error: the
 * contextBridge copies an Error into the page keeping only its message, so `code`, which the UI relies on,
 * would be lost. The renderer's StationCallError.from() accepts any `{code, message}`.
 * Not verifiable on the build machine (no Electron binary).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallResult } from './bridge-protocol';

contextBridge.exposeInMainWorld('daiban', {
  async call(method: string, input: unknown): Promise<unknown> {
    const result = (await ipcRenderer.invoke(CALL_CHANNEL, String(method), input)) as CallResult;
    if (result.ok) return result.value;
    const { code, message, details } = result.error;
    throw { name: 'StationCallError', code, message, ...(details ? { details } : {}) };
  },
  on(listener: (event: unknown) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const handler = (_e: IpcRendererEvent, event: unknown) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
});
