import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { ReleasePlatform } from '../../core/admin/api';
import { invalidInput } from '../errors';

/**
 * Reads a directory of electron-builder output: the installers (NSIS `.exe` for Windows, `.AppImage` and `.deb`
 * for Linux x64 and arm64), each with its `.blockmap` sibling when electron-builder wrote one. Everything else
 * there (electron-builder's own latest*.yml, unpacked directories, debug files) is ignored.
 */

export interface Artifact {
  platform: ReleasePlatform;
  name: string;
  path: string;
  size: number;
  /** base64, as electron-updater checks it. */
  sha512: string;
  blockmap: { name: string; path: string; size: number; sha512: string } | null;
  /** Size of the block map an AppImage carries at its end (electron-updater's blockMapSize). */
  embeddedBlockMapSize: number | null;
}

/** `daiban-${version}-${os}-${arch}.${ext}` (build/electron-builder.yml's artifactName). */
const ARTIFACT_NAME = /^daiban-(.+)-(win|linux)-([A-Za-z0-9_]+)\.(exe|AppImage|deb)$/;

export function platformOf(name: string): ReleasePlatform | null {
  // Uninstallers and helper executables electron-builder leaves next to the installer start with "__".
  if (name.startsWith('__')) return null;
  if (/\.exe$/i.test(name)) return 'win';
  if (/\.(AppImage|deb)$/i.test(name)) return /(arm64|aarch64)/i.test(name) ? 'linux-arm64' : 'linux';
  return null;
}

/** The version in an installer's file name, when it follows the artifactName pattern. */
export function versionInName(name: string): string | null {
  return ARTIFACT_NAME.exec(name)?.[1] ?? null;
}

/** sha512 (base64) and size of a file, streamed: installers are hundreds of megabytes. */
export async function hashFile(path: string): Promise<{ sha512: string; size: number }> {
  const hash = createHash('sha512');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha512: hash.digest('base64'), size };
}

/** The AppImage's embedded block map (deflated JSON, then its length as 4 bytes big-endian), or null. */
async function embeddedBlockMapSize(path: string, size: number): Promise<number | null> {
  if (size < 8) return null;
  const fd = await open(path, 'r');
  try {
    const tail = Buffer.alloc(4);
    await fd.read(tail, 0, 4, size - 4);
    const length = tail.readUInt32BE(0);
    if (length === 0 || length > size - 4 || length > 64 * 1024 * 1024) return null;
    const data = Buffer.alloc(length);
    await fd.read(data, 0, length, size - 4 - length);
    const map = JSON.parse(inflateRawSync(data).toString('utf8')) as { files?: unknown };
    return Array.isArray(map.files) ? length : null;
  } catch {
    return null;
  } finally {
    await fd.close();
  }
}

export async function readArtifacts(dir: string): Promise<Artifact[]> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw invalidInput(`${dir} 不是目录，请用 --dir 指定 electron-builder 的输出目录`);
    names = (await readdir(dir)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw invalidInput(`找不到目录 ${dir}，请检查 --dir 参数`);
    throw e;
  }
  const present = new Set(names);
  const artifacts: Artifact[] = [];
  for (const name of names) {
    const platform = platformOf(name);
    if (!platform) continue;
    const path = join(dir, name);
    if (!(await stat(path)).isFile()) continue;
    const { sha512, size } = await hashFile(path);
    if (size === 0) throw invalidInput(`安装包 ${name} 是空文件，请重新打包`);
    const mapName = `${name}.blockmap`;
    let blockmap: Artifact['blockmap'] = null;
    if (present.has(mapName)) {
      const mapPath = join(dir, mapName);
      blockmap = { name: mapName, path: mapPath, ...(await hashFile(mapPath)) };
    }
    const embedded = /\.AppImage$/i.test(name) ? await embeddedBlockMapSize(path, size) : null;
    artifacts.push({ platform, name, path, size, sha512, blockmap, embeddedBlockMapSize: embedded });
  }
  if (artifacts.length === 0) {
    throw invalidInput(`目录 ${dir} 中没有安装包（应有 .exe、.AppImage 或 .deb 文件），请确认打包已完成`);
  }
  return artifacts;
}
