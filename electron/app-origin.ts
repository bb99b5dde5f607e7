/** The origin the renderer is served from in the desktop shell: a privileged, standard, secure scheme. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'daiban';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * True for a URL of our own origin. Parsed by hand on purpose: WHATWG `URL.origin` is "null" for schemes
 * Node does not know as special, so comparing origins would never match.
 */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** The resident's screen (评价屏, electron/pad-window.ts): the app with ?pad=1. */
export const PAD_ENTRY = `${APP_ENTRY}?pad=1`;

/** True for our page opened as the resident's screen. */
export function isPadUrl(url: string | undefined | null): boolean {
  if (!isAppUrl(url)) return false;
  return new URL(url!).searchParams.get('pad') === '1';
}
