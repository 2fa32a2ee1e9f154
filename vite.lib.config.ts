import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The library build: one ES module with every element (lit bundled in), for hosts without a bundler. */
export default defineConfig({
  publicDir: false,
  // Lit's production build (no dev-mode warnings or checks) in every bundle.
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/elements'),
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    // One file: hosts copy a single module; locales are small enough to inline.
    rollupOptions: { output: { inlineDynamicImports: true } },
    lib: { entry: resolve(import.meta.dirname, 'elements/index.ts'), formats: ['es'], fileName: () => 'settings-kit.js' },
  },
});
