import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer bundle: served from app:// in Electron and by the browser host, so paths are relative
 * (base './') and nothing is fetched from the network (fonts come from the system, no CDN).
 * No node: imports here (the renderer's lint rule); outDir is relative to root, i.e. <repo>/dist/renderer.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome109',
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1' },
});
