import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PlatformError } from '../errors';
import { hashFile } from './artifacts';

/**
 * The release files on disk: `<releaseDir>/<channel>/<file name>`, every installer and .blockmap of every
 * release kept (electron-updater's differential download fetches the blockmap of the version a terminal runs),
 * plus the current feed files `latest*.yml` for IT to look at or for a plain web server.
 */

export function channelDir(releaseDir: string, channel: string): string {
  return join(releaseDir, channel);
}

/**
 * Copies a file into the channel's directory under its own name. The same bytes already there are fine (a
 * re-publish after a failure); different bytes under that name are refused, never overwritten: terminals
 * may be downloading the stored file right now and its hash is in a feed. Returns whether it copied.
 */
export async function storeFile(dir: string, name: string, source: string, sha512: string): Promise<boolean> {
  const target = join(dir, name);
  const existing = await stat(target).catch(() => null);
  if (existing) {
    if ((await hashFile(target)).sha512 === sha512) return false;
    throw new PlatformError(409, 'INVALID_REQUEST', `发布目录中已有同名文件 ${name}，但内容不同；已发布的文件不能被覆盖，请换一个版本号重新打包`);
  }
  await mkdir(dir, { recursive: true });
  // A partial copy never appears under the real name: copy beside it, then rename.
  const partial = join(dir, `.${name}.${process.pid}.partial`);
  try {
    await copyFile(source, partial);
    await rename(partial, target);
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
  return true;
}

export async function removeStored(dir: string, names: string[]): Promise<void> {
  for (const name of names) await rm(join(dir, name), { force: true });
}

/** Writes a feed file for IT to read (replaced atomically; the platform serves feeds from the database). */
export async function writeFeedFile(dir: string, name: string, content: string | null): Promise<void> {
  const target = join(dir, name);
  if (content === null) {
    await rm(target, { force: true });
    return;
  }
  await mkdir(dir, { recursive: true });
  const partial = join(dir, `.${name}.${process.pid}.partial`);
  await writeFile(partial, content, 'utf8');
  await rename(partial, target);
}
