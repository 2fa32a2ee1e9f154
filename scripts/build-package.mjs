// `npm run build:package` (and `prepack`): builds what the npm package ships, into dist/.
//   dist/elements/**.js   ES modules, one per source module, lit/@lit/* left as imports (vite.elements.config.ts)
//   dist/cdn/settings-kit.js   one file with Lit inside, for a <script type="module"> (vite.lib.config.ts)
//   dist/server/**.js     the server as plain Node ES modules (esbuild, per module), with its data files
//   **/*.d.ts             declarations beside them (tsc -p tsconfig.build.json)
//   dist/custom-elements.json, dist/vscode.*.json, dist/web-types.json, dist/react.d.ts (the manifest and
//                         what is generated from it, custom-elements-manifest.config.mjs)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
const started = Date.now();

function step(name, args) {
  const t = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build-package: ${name} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`build-package: ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

const walk = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile()) : []);

// The demo build (dist/demo) stays; everything the package ships is made afresh.
// SKIP_TSC=1 (while working on the build) keeps the declarations of the last full build.
for (const out of [...(process.env.SKIP_TSC ? [] : ['server', 'shared', 'elements']), 'cdn', 'custom-elements.json', 'react.d.ts', 'web-types.json', 'vscode.html-custom-data.json', 'vscode.css-custom-data.json']) {
  rmSync(join(dist, out), { recursive: true, force: true });
}

step('elements (vite)', [bin('vite', 'bin/vite.js'), 'build', '--config', 'vite.elements.config.ts', '--logLevel', 'warn']);
step('cdn (vite)', [bin('vite', 'bin/vite.js'), 'build', '--config', 'vite.lib.config.ts', '--logLevel', 'warn']);
if (!process.env.SKIP_TSC) step('declarations (tsc)', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.build.json']);

// The server: every module the public entry reaches (exactly those tsc wrote declarations for),
// compiled one to one so the data files keep their paths relative to import.meta.url.
const serverModules = [...walk(join(dist, 'server')), ...walk(join(dist, 'shared'))]
  .filter((f) => f.endsWith('.d.ts'))
  .map((f) => relative(dist, f).replace(/\.d\.ts$/, '.ts'))
  .filter((f) => existsSync(join(root, f)));
const esbuild = await import('esbuild');
const t = Date.now();
await esbuild.build({
  entryPoints: serverModules.map((f) => join(root, f)),
  outbase: root,
  outdir: dist,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  tsconfig: join(root, 'tsconfig.json'),
  logLevel: 'warning',
});
console.log(`build-package: server (esbuild, ${serverModules.length} modules, ${((Date.now() - t) / 1000).toFixed(1)} s)`);

// Node resolves relative ES module imports only with their extension: add it (to the .d.ts too,
// so hosts with "moduleResolution": "nodenext" resolve the declarations).
const relativeSpecifier = /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']*)(["'])/g;
for (const file of [...walk(join(dist, 'server')), ...walk(join(dist, 'shared')), ...walk(join(dist, 'elements')).filter((f) => f.endsWith('.d.ts'))]) {
  if (!/\.(js|d\.ts)$/.test(file)) continue;
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(relativeSpecifier, (whole, head, spec, tail) => {
    if (/\.(js|json|txt|css)$/.test(spec)) return whole;
    const target = resolve(dirname(file), spec);
    const source = resolve(root, relative(dist, target));
    if (existsSync(`${target}.js`) || existsSync(`${target}.d.ts`) || existsSync(`${source}.ts`)) return `${head}${spec}.js${tail}`;
    if (existsSync(join(target, 'index.js')) || existsSync(join(target, 'index.d.ts')) || existsSync(join(source, 'index.ts'))) return `${head}${spec}/index.js${tail}`;
    return whole;
  });
  if (fixed !== text) writeFileSync(file, fixed);
}

// Data files the server reads relative to its modules.
cpSync(join(root, 'server/db/migrations'), join(dist, 'server/db/migrations'), { recursive: true });
cpSync(join(root, 'server/features/accounts/common-passwords.txt'), join(dist, 'server/features/accounts/common-passwords.txt'));

step('manifest (cem)', [bin('@custom-elements-manifest/analyzer', 'cem.js'), 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet']);
console.log(`build-package: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
