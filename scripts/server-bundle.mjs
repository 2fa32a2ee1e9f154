// The compiled server that `npm start` (and the bench) runs: server/main.ts bundled by esbuild into
// dist/start/main.js (and its chunks), packages left as imports (`--packages=external`), so Node starts it without
// compiling TypeScript (tsx took about half of the cold start and a third of the idle memory).
// Built on demand: when the bundle is missing, or any file it was built from changed since.
//
// Data files that modules find with `new URL('./relative', import.meta.url)` (the migrations, the
// common-password list) would resolve against the bundle's folder; the plugin below rewrites each
// such path to point from the bundle back to the file in the source tree, so they stay one copy.
//
// `node scripts/server-bundle.mjs` builds it (if stale) and prints its path.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const serverBundle = join(root, 'dist/start/main.js');
const metaFile = join(root, 'dist/start/inputs.json');

/**
 * The Node options the server runs with (`npm start`, the bench). V8 lets the young generation grow
 * to 16 MiB a semi-space, and start-up's allocations grow it that far: each page touched once stays
 * resident. A server's requests leave little alive, so 4 MiB collects them as well; measured idle
 * RSS 96 → 89 MiB, and no change in requests per second in an A/B of `/me` and the session list.
 */
export const serverNodeFlags = ['--max-semi-space-size=4'];

/** True when the bundle is missing or older than one of the files it was built from. */
export function bundleIsStale() {
  if (!existsSync(serverBundle) || !existsSync(metaFile)) return true;
  const built = statSync(serverBundle).mtimeMs;
  const inputs = JSON.parse(readFileSync(metaFile, 'utf8'));
  return inputs.some((file) => {
    const path = join(root, file);
    return !existsSync(path) || statSync(path).mtimeMs > built;
  });
}

/** Packages left as imports (see `external` below). */
const EXTERNAL_PACKAGES = ['@node-rs/argon2', '@electric-sql/pglite', 'postgres', 'twilio', '@ringcentral/sdk', 'mailgun.js', 'form-data', 'qrcode', '@simplewebauthn/server', 'arctic', 'otplib', 'libphonenumber-js', 'esbuild'];

const dataUrl = /new URL\(\s*(['"])(\.{1,2}\/[^'"]*)\1\s*,\s*import\.meta\.url\s*\)/g;

/** `new URL('./x', import.meta.url)` in a source module → the same file, seen from the bundle. */
const dataFilesFromSource = {
  name: 'data-files-from-source',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/].*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const rewritten = text.replace(dataUrl, (_, quote, spec) => {
        const target = resolve(dirname(args.path), spec);
        let fromBundle = relative(dirname(serverBundle), target).split(sep).join('/');
        if (!fromBundle.startsWith('.')) fromBundle = `./${fromBundle}`;
        // A trailing slash (a folder) must survive path.relative.
        if (spec.endsWith('/') && !fromBundle.endsWith('/')) fromBundle += '/';
        return `new URL(${quote}${fromBundle}${quote}, import.meta.url)`;
      });
      return { contents: rewritten, loader: 'ts' };
    });
  },
};

/** Builds the bundle when stale; returns its path. */
export async function ensureServerBundle({ quiet = false } = {}) {
  if (!bundleIsStale()) return serverBundle;
  const started = Date.now();
  const esbuild = await import('esbuild');
  rmSync(dirname(serverBundle), { recursive: true, force: true }); // no chunks of an older build
  const result = await esbuild.build({
    entryPoints: { main: join(root, 'server/main.ts') },
    outdir: dirname(serverBundle),
    // main.ts imports the app while the database opens: with splitting, that import stays a
    // separate chunk (and its packages load only then) instead of being hoisted into the entry.
    splitting: true,
    chunkNames: '[name]-[hash]',
    bundle: true,
    // The packages every start loads are bundled too: one file to read and compile instead of
    // about 250 modules to resolve, read and link one by one (most of a cold start was Node's module
    // loader). Native addons, WASM, and the optional SDKs a host installs only when it uses them
    // (loaded by name at first use) stay packages.
    external: EXTERNAL_PACKAGES,
    // Bundled CommonJS code calls `require` for Node's own modules; an ES module has none of its own.
    banner: { js: "import { createRequire as __skCreateRequire } from 'node:module'; const require = __skCreateRequire(import.meta.url);" },
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    tsconfig: join(root, 'tsconfig.json'),
    metafile: true,
    logLevel: 'warning',
    plugins: [dataFilesFromSource],
  });
  mkdirSync(dirname(metaFile), { recursive: true });
  writeFileSync(metaFile, JSON.stringify(Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules')).concat(['tsconfig.json', 'package-lock.json', 'scripts/server-bundle.mjs']), null, 1));
  if (!quiet) console.log(`server bundle: ${relative(root, serverBundle)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return serverBundle;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await ensureServerBundle());
}
