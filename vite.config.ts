import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The demo page (demo/index.html). `npm run dev` serves it with the API proxied to the server
 * started by scripts/dev.mjs; `npm run build` writes it to dist/demo, which `npm start` serves.
 */
export default defineConfig(({ command }) => ({
  root: resolve(import.meta.dirname, 'demo'),
  publicDir: false,
  // Lit's production build (no dev-mode warnings or checks) in every bundle.
  resolve: command === 'build' ? { conditions: ['module', 'browser', 'production'] } : {},
  build: {
    outDir: resolve(import.meta.dirname, 'dist/demo'),
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
  },
  esbuild: { target: 'es2022' },
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    proxy: { '/api': `http://127.0.0.1:${process.env.API_PORT ?? 3001}` },
  },
}));
