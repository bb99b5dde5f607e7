import { app, session, type Session } from 'electron';
import { APP_ORIGIN, isAppUrl } from './app-origin';

/**
 * The shell's hardening (DESIGN.md §8; Electron's security checklist): no navigation away from app://, no new
 * windows, no <webview>, no remote content at all, and of all permissions only the camera for our own page
 * (scanning materials). Not verifiable on the build machine (no Electron binary).
 */

/** Schemes a page of ours may load: itself, its blob:/data: objects (PDF preview, scans), devtools in dev. */
const LOCAL_SCHEMES = new Set(['app:', 'blob:', 'data:', 'devtools:', 'chrome-extension:']);

function harden(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const onlyVideo =
      'mediaTypes' in details && Array.isArray(details.mediaTypes) && details.mediaTypes.length > 0 && details.mediaTypes.every((t) => t === 'video');
    callback(permission === 'media' && onlyVideo && isAppUrl(details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permission === 'media' && requestingOrigin === APP_ORIGIN);
  ses.setDevicePermissionHandler(() => false);
  // No remote content: the terminal works offline and its UI never loads anything from a network.
  ses.webRequest.onBeforeRequest((details, callback) => {
    let scheme = '';
    try {
      scheme = new URL(details.url).protocol;
    } catch {
      /* unparsable: cancelled below */
    }
    callback({ cancel: !LOCAL_SCHEMES.has(scheme) });
  });
}

/** Call once, before any window exists. */
export function installHardening(): void {
  app.on('session-created', harden);
  harden(session.defaultSession);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
