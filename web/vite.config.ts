import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

// The web app: root `web/`, built to `dist/web` (served by src/server with an SPA fallback).
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [preact({ prerender: { enabled: false } })],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development, with the API server (startServer, default
    // port 8080) running beside it; YOUCHENG_API points elsewhere.
    proxy: { '/api': process.env.YOUCHENG_API ?? 'http://127.0.0.1:8080' },
  },
});
