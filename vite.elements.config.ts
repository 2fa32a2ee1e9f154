import { readdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The package's elements: ES modules, one output module per source module (dist/elements/<tag>/<tag>.js),
 * so a host imports one element alone and its bundler shares the rest. `lit` and `@lit/*` stay bare
 * imports (one Lit in the host, deduplicated by its bundler); so does libphonenumber-js (loaded with
 * import() by <user-contacts> only). The small hono/client is inlined: an elements host installs no server.
 */
const dir = resolve(import.meta.dirname, 'elements');
const tags = readdirSync(dir).filter((d) => existsSync(resolve(dir, d, `${d}.ts`)));
const entries = Object.fromEntries([['index', resolve(dir, 'index.ts')], ...tags.map((t) => [`${t}/${t}`, resolve(dir, t, `${t}.ts`)])]);

const vendored = (name: string) => name.replace(/^(.*\/)?node_modules\//, 'vendor/').replace(/^_virtual\/_?@?([^/]*)/, 'vendor/$1').replace(/@[\d.]+/g, '');

export const external = (id: string) => /^(lit|lit\/.*|@lit\/.*|libphonenumber-js(\/.*)?)$/.test(id);

export default defineConfig({
  publicDir: false,
  // The package's modules carry no dev-mode code of their own; Lit's mode is the host's choice.
  build: {
    outDir: resolve(import.meta.dirname, 'dist/elements'),
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    lib: { entry: entries, formats: ['es'] },
    rollupOptions: {
      external,
      output: {
        preserveModules: true,
        preserveModulesRoot: dir,
        // npm never packs a folder called node_modules: inlined modules go under vendor/.
        entryFileNames: (chunk) => `${vendored(chunk.name)}.js`,
        chunkFileNames: (chunk) => `${vendored(chunk.name)}.js`,
      },
    },
  },
});
