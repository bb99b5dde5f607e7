import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { protocol } from 'electron';
import { BASE_SECURITY_HEADERS, contentTypeFor, HTML_SECURITY_HEADERS, resolveStaticPath } from '../station/browser-host';
import { APP_HOST, APP_SCHEME } from './app-origin';

/**
 * The app:// scheme that serves the built renderer: standard (so relative URLs and localStorage work),
 * secure (so the page is a secure context: camera access), fetch-capable. Must run before `app` is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { ...BASE_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * Serves files of `rendererDir` (which may sit inside app.asar: Electron's fs reads it) with the same CSP and
 * SPA fallback as the browser host, and the same path-traversal guard on the still-encoded path.
 */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return text(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, '不支持的请求方式。');
    const target = resolveStaticPath(rendererDir, url.pathname);
    if (target.kind === 'refused') return text(400, '请求的路径无效。');
    let file = target.path;
    if (!(await isFile(file))) {
      if (/\.[a-z0-9]+$/i.test(url.pathname) && !url.pathname.endsWith('.html')) return text(404, '找不到请求的文件。');
      file = join(rendererDir, 'index.html');
    }
    const type = contentTypeFor(file);
    const headers = { ...(type.startsWith('text/html') ? HTML_SECURITY_HEADERS : BASE_SECURITY_HEADERS), 'Content-Type': type };
    return new Response(request.method === 'HEAD' ? null : await readFile(file), { status: 200, headers });
  });
}
