import { isAbsolute, relative, resolve, sep } from 'node:path';

export type StaticPath =
  | { kind: 'file'; path: string }
  /** A path that tries to leave the static root or is not a valid path at all. */
  | { kind: 'refused' };

/**
 * Maps the raw request path (before any normalisation: `/../x` and `/%2e%2e/x` must be seen as they were
 * sent) to a file under `root`, refusing dot segments, backslashes, NUL bytes and bad percent-encoding.
 * Shared by the browser host and Electron's app:// handler.
 */
export function resolveStaticPath(root: string, rawPath: string): StaticPath {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'refused' };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return { kind: 'refused' };
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.' || /^[a-zA-Z]:$/.test(s))) return { kind: 'refused' };
  const base = resolve(root);
  const path = resolve(base, ...segments.filter((s) => s !== ''));
  const rel = relative(base, path);
  if (rel.startsWith('..') || isAbsolute(rel) || (rel !== '' && !path.startsWith(base + sep))) return { kind: 'refused' };
  return { kind: 'file', path };
}
