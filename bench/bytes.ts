// Bytes a host's users download at first: what `import 'settings-kit'` (every element) and
// `import 'settings-kit/elements/<tag>'` (one element) cost, with Lit, min+gzip, in a host bundler.
// A tiny entry per import is built with vite in a temp folder against the built package (dist/,
// through package.json "exports", as a host resolves it); counted are the chunks loaded at first
// (the entry and its static imports), not what loads later with import() (the German strings,
// libphonenumber-js in <user-contacts>).
// Budgets (issue 11): every element ≤ 40 KB, login-sessions alone ≤ 14 KB.
// Baselines: Clerk's account page (<UserProfile>) 396 KB gzip; better-auth-ui's settings 192 KB + React 69 KB.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUDGET = { all: 40, loginSessions: 14 };
const CLERK = 396;
const BETTER_AUTH_UI = 192 + 69;

if (!existsSync(join(root, 'dist/elements/index.js')) || process.env.BENCH_REBUILD) {
  const r = spawnSync(process.execPath, [join(root, 'scripts/build-package.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { sideEffects: string[] };
const tags = pkg.sideEffects.map((s) => s.match(/^\.\/dist\/elements\/([a-z-]+)\/\1\.js$/)?.[1]).filter((t): t is string => !!t).sort();

// A host project: node_modules/settings-kit is this package (its exports map → dist/).
const host = mkdtempSync(join(tmpdir(), 'sk-bench-bytes-'));
mkdirSync(join(host, 'node_modules'));
symlinkSync(root, join(host, 'node_modules/settings-kit'), 'dir');
for (const dep of ['lit', 'lit-html', 'lit-element', '@lit']) symlinkSync(join(root, 'node_modules', dep), join(host, 'node_modules', dep), 'dir');
writeFileSync(join(host, 'package.json'), '{"name":"host","private":true,"type":"module"}');
const entries: Record<string, string> = { all: "import 'settings-kit';\n", lit: "import { LitElement, html } from 'lit';\nconsole.log(LitElement, html);\n" };
for (const tag of tags) entries[tag] = `import 'settings-kit/elements/${tag}';\n`;
for (const [name, code] of Object.entries(entries)) writeFileSync(join(host, `${name}.js`), code);

/**
 * One vite build per import, as a host with just that import gets it (one build with every entry
 * would split shared code into small chunks that gzip worse than a host's real bundle).
 * Counted: the entry chunk and every chunk it imports statically, transitively (the first load);
 * reported apart: the chunks those load with import().
 */
async function firstLoad(name: string) {
  const output = (await build({
    root: host,
    logLevel: 'silent',
    configFile: false,
    build: { write: false, minify: true, target: 'es2022', modulePreload: false, rollupOptions: { input: { [name]: join(host, `${name}.js`) } } },
  })) as Rollup.RollupOutput;
  const chunks = new Map(output.output.filter((o): o is Rollup.OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]));
  const entry = [...chunks.values()].find((c) => c.isEntry)!;
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const i of chunks.get(f)!.imports) visit(i);
  };
  visit(entry.fileName);
  // Everything reachable later, through import() at any depth (other elements, locales, phone metadata).
  const lazy = new Set<string>();
  const visitLazy = (f: string) => {
    if (lazy.has(f) || seen.has(f)) return;
    lazy.add(f);
    for (const i of [...chunks.get(f)!.imports, ...chunks.get(f)!.dynamicImports]) visitLazy(i);
  };
  for (const f of seen) for (const d of chunks.get(f)!.dynamicImports) visitLazy(d);
  const sum = (files: Iterable<string>) => [...files].reduce((n, f) => n + gzipSync(chunks.get(f)!.code, { level: 9 }).length, 0) / 1024;
  return { kb: sum(seen), lazyKb: sum(lazy) };
}

const kb = (n: number) => `${n.toFixed(1)} KB`;
const all = await firstLoad('all');
const lit = await firstLoad('lit');
const loginSessions = await firstLoad('login-sessions');
console.log('\n# Bytes at first load in a host bundler (vite 8, min+gzip -9, with Lit)');
console.log(`Lit alone (LitElement + html): ${kb(lit.kb)}`);
const verdict = (v: number, budget: number) => (v <= budget ? `within the ${budget} KB budget` : `OVER the ${budget} KB budget`);
console.log(`import 'settings-kit' (every element; the first screens registered at once, the rest on first use): ${kb(all.kb)} — ${verdict(all.kb, BUDGET.all)}`);
console.log(`  later, with import(), only when used: ${kb(all.lazyKb)} (the other elements, the German strings, libphonenumber-js's metadata)`);
console.log(`  ratio ${(CLERK / all.kb).toFixed(1)}× smaller than Clerk's account page (${CLERK} KB), ${(BETTER_AUTH_UI / all.kb).toFixed(1)}× smaller than better-auth-ui's settings with React (192 + 69 KB)`);
console.log(`import 'settings-kit/elements/login-sessions': ${kb(loginSessions.kb)} — ${verdict(loginSessions.kb, BUDGET.loginSessions)}`);
console.log(`  ratio ${(CLERK / loginSessions.kb).toFixed(1)}× smaller than Clerk, ${(BETTER_AUTH_UI / loginSessions.kb).toFixed(1)}× smaller than better-auth-ui + React`);
console.log('\n| element alone | first load | later, with import() |\n| --- | ---: | ---: |');
for (const tag of tags) {
  const r = await firstLoad(tag);
  console.log(`| <${tag}> | ${kb(r.kb)} | ${r.lazyKb ? kb(r.lazyKb) : '–'} |`);
}
console.log(`| every element | ${kb(all.kb)} | ${kb(all.lazyKb)} |`);
rmSync(host, { recursive: true, force: true });
if (all.kb > BUDGET.all || loginSessions.kb > BUDGET.loginSessions) process.exit(1);
