import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * `settings-kit/cdn`: one ES module with every element, Lit and the German strings inside, for hosts
 * without a bundler (`<script type="module" src="…/dist/cdn/settings-kit.js">`). Hosts with a bundler
 * import `settings-kit` (dist/elements, vite.elements.config.ts), which shares their Lit.
 */
export default defineConfig({
  publicDir: false,
  // Lit's production build (no dev-mode warnings or checks) in every bundle.
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/cdn'),
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    // One file: hosts copy a single module; locales are small enough to inline.
    rollupOptions: { output: { inlineDynamicImports: true } },
    lib: { entry: resolve(import.meta.dirname, 'elements/index.ts'), formats: ['es'], fileName: () => 'settings-kit.js' },
  },
});
