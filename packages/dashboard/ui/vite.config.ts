import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The dashboard UI. `base: './'` keeps every asset URL relative, so the same build works under any
 * dashboard path (`/baton/`, `/ops/baton/`, ...). Nothing is fetched from a CDN at run time.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/ui',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      // `vite dev` serves the UI at `/`, so its API base is `/api`: forward it to a dev server on :3000.
      '/api': { target: 'http://127.0.0.1:3000', rewrite: (path) => `/baton${path}` },
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
});
