// `npm run check:package` (the `package` step of `npm test`): `npm pack` (its prepack builds dist/),
// then checks the tarball's file list. `--out DIR` keeps the tarball there for the examples step.
// Prints "N passed, N failed" like the other steps.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? process.argv[outArg + 1] : mkdtempSync(join(tmpdir(), 'sk-pack-'));
mkdirSync(out, { recursive: true });
// npm's own CLI, run with this node (no npx, no shell): the one running `npm test`, else the one beside node.
const npmCli = [process.env.npm_execpath, join(process.execPath, '../../lib/node_modules/npm/bin/npm-cli.js'), join(process.execPath, '../node_modules/npm/bin/npm-cli.js')].find((f) => f && /npm-cli\.js$/.test(f) && existsSync(f));
if (!npmCli) throw new Error('npm-cli.js not found beside node; set npm_execpath');

const packed = spawnSync(process.execPath, [npmCli, 'pack', '--json', '--pack-destination', out], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
if (packed.status !== 0) {
  console.log('npm pack failed\n\n0 passed, 1 failed');
  process.exit(1);
}
const [info] = JSON.parse(packed.stdout.slice(packed.stdout.search(/^\[\s*\{/m)));
const files = info.files.map((f) => f.path);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tags = pkg.sideEffects.map((s) => s.match(/^\.\/dist\/elements\/([a-z-]+)\/\1\.js$/)?.[1]).filter(Boolean);

let passed = 0;
let failed = 0;
const check = (name, ok, detail = '') => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? '✓' : '✗'} ${name}${ok || !detail ? '' : `: ${detail}`}`);
};
const none = (name, re) => {
  const bad = files.filter((f) => re.test(f));
  check(name, bad.length === 0, bad.slice(0, 5).join(', '));
};
const has = (f) => check(`ships ${f}`, files.includes(f));

console.log(`${info.filename}: ${files.length} files, ${(info.size / 1024).toFixed(0)} KB packed, ${(info.unpackedSize / 1024).toFixed(0)} KB unpacked`);
none('no test files', /\.test\.|(^|\/)testing\//);
none('no stories', /(^|\/)stories\/|\.stories\./);
none('no e2e, bench, demo, examples or CI', /^(e2e|bench|demo|examples|\.ci|\.storybook|scripts|test)\//);
none('no TypeScript sources (only .d.ts)', /(?<!\.d)\.ts$/);
none('no dist/demo', /^dist\/demo\//);
none('no nested node_modules', /node_modules\//);
for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/server/index.js', 'dist/server/index.d.ts', 'dist/elements/index.js', 'dist/elements/index.d.ts', 'dist/cdn/settings-kit.js', 'dist/custom-elements.json', 'dist/react.d.ts', 'dist/web-types.json', 'dist/vscode.html-custom-data.json', 'dist/server/db/migrations/meta/_journal.json', 'dist/server/features/accounts/common-passwords.txt']) has(f);
const folders = readdirSync(join(root, 'elements')).filter((d) => existsSync(join(root, 'elements', d, `${d}.ts`)));
check('every element folder is listed in sideEffects (registration is a side effect)', folders.every((d) => tags.includes(d)), folders.filter((d) => !tags.includes(d)).join(', '));
check(`every element (${tags.length}) ships .js and .d.ts`, tags.length >= 20 && tags.every((t) => files.includes(`dist/elements/${t}/${t}.js`) && files.includes(`dist/elements/${t}/${t}.d.ts`)), tags.filter((t) => !files.includes(`dist/elements/${t}/${t}.d.ts`)).join(', '));
check('every shipped server module has its .d.ts', files.filter((f) => /^dist\/server\/.*\.js$/.test(f)).every((f) => files.includes(f.replace(/\.js$/, '.d.ts'))));
const manifest = JSON.parse(readFileSync(join(root, 'dist/custom-elements.json'), 'utf8'));
const paths = manifest.modules.map((m) => m.path);
check('the manifest points at shipped modules', paths.length > 0 && paths.every((p) => files.includes(p)), paths.filter((p) => !files.includes(p)).slice(0, 3).join(', '));
// What the elements import by bare name, a host's bundler must find in node_modules: each a dependency.
const bare = new Set();
for (const f of files.filter((f) => /^dist\/(elements)\/.*\.js$/.test(f))) {
  for (const [, spec] of readFileSync(join(root, f), 'utf8').matchAll(/(?:from|import)\s*\(?\s*["']([^"'./][^"']*)["']/g)) {
    bare.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
}
const undeclared = [...bare].filter((name) => !pkg.dependencies?.[name]);
check(`the elements import only dependencies (${[...bare].join(', ')})`, bare.size > 0 && undeclared.length === 0, undeclared.join(', '));
console.log(`tarball: ${join(out, info.filename)}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
