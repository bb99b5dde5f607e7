import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { contentTypeFor } from './content-types';
import { BASE_SECURITY_HEADERS, HTML_SECURITY_HEADERS } from './security-headers';
import { resolveStaticPath } from './static-path';

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...BASE_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

/**
 * Serves the built renderer. `/` and unknown extension-less paths get index.html (the SPA routes itself);
 * a missing file with an extension (a stale asset) is a plain 404 rather than HTML in a script's place.
 * Static files hold no data, so they need no token.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, rawPath: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, '不支持的请求方式。');
  }
  const target = resolveStaticPath(root, rawPath);
  if (target.kind === 'refused') return sendText(res, 400, '请求的路径无效。');

  let file = target.path;
  if (!(await isFile(file))) {
    if (extname(rawPath) !== '' && !rawPath.endsWith('.html')) return sendText(res, 404, '找不到请求的文件。');
    file = join(root, 'index.html');
    if (!(await isFile(file))) return sendText(res, 503, '界面文件尚未构建，请先运行 npm start 或 vite build。');
  }

  const type = contentTypeFor(file);
  const isHtml = type.startsWith('text/html');
  const immutable = !isHtml && /^\/assets\//.test(rawPath);
  res.writeHead(200, {
    ...(isHtml ? HTML_SECURITY_HEADERS : BASE_SECURITY_HEADERS),
    'Content-Type': type,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
