import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time of any file under `dirs` (node_modules and dot-folders skipped). */
function newestMtime(dirs: string[]): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return newest;
}

export type RendererBuild = 'fresh' | 'built' | 'no-config';

/**
 * Builds the renderer with Vite (through its JS API and the renderer's own vite.config.ts) when
 * dist/renderer/index.html is missing or older than any source it bundles (renderer/ and core/).
 */
export async function ensureRendererBuilt(root: string, log: (msg: string) => void = console.log): Promise<RendererBuild> {
  const configFile = join(root, 'renderer', 'vite.config.ts');
  const index = join(root, 'dist', 'renderer', 'index.html');
  if (!existsSync(configFile)) {
    log('renderer/vite.config.ts 尚不存在，跳过界面构建。 (renderer/vite.config.ts not found: skipping the renderer build.)');
    return 'no-config';
  }
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (builtAt > newestMtime([join(root, 'renderer'), join(root, 'core')])) return 'fresh';

  log('正在构建界面…… (building the renderer with Vite)');
  const { build } = await import('vite');
  await build({ configFile, logLevel: 'warn' });
  if (!existsSync(index)) {
    throw new Error(`Vite finished but ${index} is missing: renderer/vite.config.ts should set build.outDir to dist/renderer.`);
  }
  return 'built';
}
