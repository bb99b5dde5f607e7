#!/usr/bin/env node
// Bundles the Electron shell with esbuild into dist/electron/: main.js (the main process, with the station)
// and preload.js. Both are CommonJS: sandboxed preloads must be, and one format keeps `__dirname` meaningful
// in main. dist/electron/package.json marks the folder as CommonJS inside this `"type": "module"` package.
//
// Left external (resolved from node_modules at run time, see build/electron-builder.yml asarUnpack):
// electron itself, native addons (better-sqlite3-multiple-ciphers, sharp, the ID card reader's serialport and
// koffi), and packages that read their own
// files next to their code (pdfkit's font metrics, pdf-to-printer's SumatraPDF.exe, the Noto Sans SC font).
//
// Runs here (esbuild is installed); whether the bundle starts can only be checked where Electron runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--outdir=<dir>` builds elsewhere (tests); main.js looks for the renderer in <dir>/../renderer.
const outArg = process.argv.find((a) => a.startsWith('--outdir='));
const outdir = outArg ? resolve(outArg.slice('--outdir='.length)) : join(root, 'dist', 'electron');
const production = process.env.NODE_ENV === 'production';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 39 ships Node 22.
  target: 'node22',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

mkdirSync(outdir, { recursive: true });
writeFileSync(join(outdir, 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');

await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'electron/main.ts' },
    outdir,
    external: ['electron', 'better-sqlite3-multiple-ciphers', 'sharp', 'serialport', 'koffi', 'pdfkit', 'pdf-to-printer', '@expo-google-fonts/noto-sans-sc'],
    // station/printing/fonts.ts resolves the font package from import.meta.url; in CommonJS that is the bundle.
    define: { 'import.meta.url': '__daibanImportMetaUrl' },
    banner: { js: "const __daibanImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  build({
    ...common,
    entryPoints: { preload: 'electron/preload.ts' },
    outdir,
    // A sandboxed preload may require only electron and a few polyfilled modules: everything else is bundled.
    external: ['electron'],
  }),
]);

console.log(`[build-electron] ${outdir}/main.js, preload.js`);
