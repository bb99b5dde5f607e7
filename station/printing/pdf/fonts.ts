import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DaibanError } from '../../../core/errors';

/**
 * The CJK font every printed document embeds: static Noto Sans SC TTFs (regular and bold) from
 * `@expo-google-fonts/noto-sans-sc`. A packaged build, where node_modules is not laid out the same,
 * points `DAIBAN_FONT_DIR` at a folder holding the two files under their own names.
 * Each file (about 10 MB) is read once per process and the Buffer is kept.
 */

export type FontWeight = 'regular' | 'bold';

const FILES: Record<FontWeight, { subdir: string; file: string }> = {
  regular: { subdir: '400Regular', file: 'NotoSansSC_400Regular.ttf' },
  bold: { subdir: '700Bold', file: 'NotoSansSC_700Bold.ttf' },
};

const cache = new Map<FontWeight, Buffer>();

/** Absolute path of the TTF for a weight. `DAIBAN_FONT_DIR` wins over the npm package. */
export function fontPath(weight: FontWeight): string {
  const { subdir, file } = FILES[weight];
  const overrideDir = process.env.DAIBAN_FONT_DIR;
  if (overrideDir) return join(overrideDir, file);
  const pkgJson = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json');
  return join(dirname(pkgJson), subdir, file);
}

/** The TTF bytes for a weight, read from disk on first use only. */
export function fontBuffer(weight: FontWeight): Buffer {
  const cached = cache.get(weight);
  if (cached) return cached;
  const path = fontPath(weight);
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new DaibanError('PRINTER_FAILED', '打印所需的中文字体文件缺失，无法生成回执，请联系运维人员重新安装本软件。', {
      path,
      cause: e instanceof Error ? e.message : String(e),
    });
  }
  cache.set(weight, buf);
  return buf;
}
